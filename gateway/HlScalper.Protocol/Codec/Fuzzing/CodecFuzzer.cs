using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>Puts one hostile message through both parsers and the codec and judges the result: no crash, no hang, no disagreement, nothing impossible published.</summary>
/// <remarks>
/// The judges are independent of the code under test where they can be: <see cref="EventSanity"/> for the
/// values, System.Text.Json's <see cref="JsonDocument"/> for what is JSON at all and for the decimals in the
/// fields the codec reads. The parsers are compared with each other: whatever the fast scanner accepts, the
/// reference parser must accept with the same events, kind, post id, payload and unknown-coin count.
/// </remarks>
internal sealed partial class CodecFuzzer(CoinTable coins)
{
    /// <summary>Longer than any honest parse of a 1 MiB message: a check beyond it counts as a hang.</summary>
    public static readonly TimeSpan HangThreshold = TimeSpan.FromMilliseconds(100);

    private readonly HlCodec _codec = new(coins);
    private string? _replyProblem;
    private int _replies;
    private PostReplyKind _replyKind;
    private ExchangeResponseType _replyType;
    private readonly EventBatch _fast = new();
    private readonly EventBatch _reference = new();
    private readonly EventList _published = new();

    public CodecFuzzCounts Counts { get; } = new();

    /// <summary>The codec the inputs went through (its counters hold the rejections by reason).</summary>
    public HlCodecCounters CodecCounters => _codec.Counters;

    /// <summary>Checks one input; returns what it did wrong (the first problem), or null. Time is only counted (<see cref="CodecFuzzCounts.Hangs"/>), never a verdict: a GC pause on a busy machine is no bug.</summary>
    /// <param name="receiveUnixMs">Receive wall time for the codec's clock window; 0 = unknown, as in a replay.</param>
    public string? Check(ReadOnlySpan<byte> message, long receiveUnixMs)
    {
        Counts.Inputs++;
        var started = Stopwatch.GetTimestamp();
        string? problem;
        try
        {
            problem = Judge(message, receiveUnixMs);
        }
        catch (Exception e)
        {
            Counts.Crashes++;
            problem = $"crash: {e.GetType().Name}: {e.Message}";
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > Counts.Slowest) Counts.Slowest = elapsed;
        if (elapsed > HangThreshold) Counts.Hangs++;
        return problem;
    }

    private string? Judge(ReadOnlySpan<byte> message, long receiveUnixMs)
    {
        _fast.Clear();
        var fastOutcome = default(ParseOutcome);
        var fastAccepted = HlFastParser.TryParse(message, coins, _fast, ref fastOutcome);

        _reference.Clear();
        var referenceOutcome = default(ParseOutcome);
        string? referenceError = null;
        try
        {
            HlReferenceParser.Parse(message, coins, _reference, ref referenceOutcome);
        }
        catch (JsonException e)
        {
            referenceError = e.Message;
        }

        if (fastAccepted && (referenceError is not null || !Same(_fast, fastOutcome, _reference, referenceOutcome)))
        {
            Counts.Disagreements++;
            return referenceError is null ? "the parsers read the message differently" : $"the fast scanner accepted what the reference rejects ({referenceError})";
        }

        var faults = _codec.Counters.ParserFaults;
        _replyProblem = null;
        _replies = 0;
        _codec.OnPostResponse ??= OnReply;
        _published.Clear();
        var sink = _published.AsSink();
        var kind = _codec.Parse(message, ref sink, 1, receiveUnixMs);
        if (_codec.Counters.ParserFaults != faults)
        {
            Counts.Crashes++;
            return $"parser fault: {_codec.LastError}";
        }
        if (kind == HlMessageKind.Malformed)
        {
            Counts.Malformed++;
            return null;
        }
        Counts.Accepted++;
        Counts.EventsPublished += _published.Count;
        if (kind == HlMessageKind.Greeting) return null;
        if (referenceError is not null)
        {
            Counts.Disagreements++;
            return $"the codec accepted what the reference rejects ({referenceError})";
        }
        if (kind == HlMessageKind.Post && (_replies != 1 || _replyProblem is not null))
        {
            Counts.ImpossibleValues++;
            return _replyProblem ?? $"a post answer reached the handler {_replies} times";
        }
        // An answer the reference called unreadable handed on no values to check.
        if (kind == HlMessageKind.Post && _replyKind != PostReplyKind.Statuses) return null;
        for (var i = 0; i < _published.Count; i++)
        {
            if (EventSanity.Problem(in _published[i], coins.Count, receiveUnixMs) is not { } wrong) continue;
            Counts.ImpossibleValues++;
            return $"published an impossible {_published[i].Kind}: {wrong}";
        }
        return CheckWithSystemTextJson(message, kind);
    }

    /// <summary>What System.Text.Json, knowing nothing of the codec, says about a message the codec accepted.</summary>
    private string? CheckWithSystemTextJson(ReadOnlySpan<byte> message, HlMessageKind kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.ToArray());
        }
        catch (JsonException e)
        {
            Counts.Disagreements++;
            return $"the codec accepted what System.Text.Json rejects ({e.Message})";
        }
        using (document)
        {
            var data = FirstProperty(document.RootElement, "data");
            if (data is null) return null;
            // A default answer's statuses are not read (it is the answer of modify, scheduleCancel, updateLeverage, noop), so a
            // mutation that turned an order answer's type to "default" leaves decimals there that the codec never parsed.
            var read = kind == HlMessageKind.Post && _replyType == ExchangeResponseType.Default ? [] : DecimalsRead(data.Value, kind);
            foreach (var text in read)
            {
                if (ExchangeDecimalShape().IsMatch(text)) continue;
                Counts.ImpossibleValues++;
                return $"accepted the decimal \"{text}\", which the exchange never writes";
            }
        }
        return null;
    }

    /// <summary>The decimal strings of the fields the codec reads, by the channel's schema.</summary>
    private static IEnumerable<string> DecimalsRead(JsonElement data, HlMessageKind kind) => kind switch
    {
        HlMessageKind.L2Book => Members(data, "levels").SelectMany(Items).SelectMany(Items).SelectMany(l => Strings(l, "px", "sz")),
        HlMessageKind.Bbo => Members(data, "bbo").SelectMany(Items).SelectMany(l => Strings(l, "px", "sz")),
        HlMessageKind.Trades => Items(data).SelectMany(t => Strings(t, "px", "sz")),
        HlMessageKind.OrderUpdates => Items(data).SelectMany(u => Members(u, "order")).SelectMany(o => Strings(o, "limitPx", "sz", "origSz")),
        HlMessageKind.UserFills => Members(data, "fills").SelectMany(Items).SelectMany(f => Strings(f, "px", "sz", "startPosition", "closedPnl", "fee")),
        HlMessageKind.Post => Members(data, "response").SelectMany(r => Members(r, "payload")).SelectMany(p => Members(p, "response")).SelectMany(r => Members(r, "data"))
            .SelectMany(d => Members(d, "statuses")).SelectMany(Items).SelectMany(s => Members(s, "filled")).SelectMany(f => Strings(f, "totalSz", "avgPx")),
        _ => [],
    };

    private static JsonElement? FirstProperty(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (p.NameEquals(name)) return p.Value;
        return null;
    }

    private static IEnumerable<JsonElement> Members(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().Where(p => p.NameEquals(name)).Select(p => p.Value) : [];

    private static IEnumerable<JsonElement> Items(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    private static IEnumerable<string> Strings(JsonElement e, params string[] names) =>
        names.SelectMany(n => Members(e, n)).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!);

    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$")]
    private static partial Regex ExchangeDecimalShape();

    private static bool Same(EventBatch a, ParseOutcome ao, EventBatch b, ParseOutcome bo)
    {
        if (!ao.Equals(bo) || a.Count != b.Count || a.Statuses.Count != b.Statuses.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!SameEvent(ref a[i], ref b[i])) return false;
        for (var i = 0; i < a.Statuses.Count; i++)
        {
            ref var x = ref a.Statuses[i];
            ref var y = ref b.Statuses[i];
            if ((x.Kind, x.Oid, x.TotalSz, x.AvgPx, x.Refusal) != (y.Kind, y.Oid, y.TotalSz, y.AvgPx, y.Refusal)) return false;
        }
        return true;
    }

    /// <summary>Judges what the order path would be handed: every status sane, statuses only with an accepted action.</summary>
    private void OnReply(long id, in PostReply reply)
    {
        _replies++;
        _replyKind = reply.Kind;
        _replyType = reply.Type;
        foreach (ref readonly var status in reply.Statuses) _replyProblem ??= StatusProblem(in status);
        if (reply.Kind == PostReplyKind.None) _replyProblem ??= "a post answer of no kind";
        if (reply.Kind != PostReplyKind.Statuses && !reply.Statuses.IsEmpty) _replyProblem ??= $"a {reply.Kind} answer with statuses";
        if (!reply.Refusal.IsReject()) _replyProblem ??= $"a refusal {reply.Refusal} that is no reject";
    }

    /// <summary>What is impossible about a status the codec handed on: independent of <see cref="HlEventRules"/>.</summary>
    private static string? StatusProblem(in ActionStatus s) => s.Kind switch
    {
        _ when s.Oid < 0 => $"status with oid {s.Oid}",
        ActionStatusKind.Filled when s.AvgPx.Raw <= 0 || s.TotalSz.Raw <= 0 => $"fill status {s.TotalSz.Raw}@{s.AvgPx.Raw}",
        ActionStatusKind.Error when s.Refusal is OrderStatus.Unknown => "error status without a refusal",
        _ => null,
    };

    /// <summary>Equal in every byte a ring slot would receive (the fixed fields and the used levels).</summary>
    private static bool SameEvent(ref MarketEvent a, ref MarketEvent b)
    {
        MarketEvent x = default, y = default;
        EventCopy.To(in a, ref x, 0);
        EventCopy.To(in b, ref y, 0);
        return MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(in x)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(in y)));
    }
}
