using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>Turns one Hyperliquid WebSocket message into ring events: the live feed's and the replay reader's single entry point.</summary>
/// <remarks>
/// Hot channels go through <see cref="HlFastParser"/>; anything it does not recognise goes to
/// <see cref="HlReferenceParser"/> (counted in <see cref="HlCodecCounters.Fallbacks"/>). Both accept the same
/// language, so whether a message is malformed never depends on which parser read it. Every event is then held
/// to <see cref="HlEventRules"/> (positive prices and sizes, ordered book sides, sane times, ids ≥ 0); one
/// impossible value refuses the message (<see cref="HlCodecCounters.Rejected"/>), and a crossed book is
/// published flagged. A message is published whole or not at all. A malformed message is counted, its reason
/// kept in <see cref="LastError"/> and reported to the log callback at most once per <see cref="LogInterval"/>;
/// <see cref="Parse{TSink}"/> never throws, whatever the bytes. One instance per parsing thread: it keeps
/// per-message state.
/// </remarks>
public sealed class HlCodec(CoinTable coins, Action<string>? log = null)
{
    /// <summary>Minimum time between two malformed-message log lines (the rest are counted only).</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(1);

    private readonly EventBatch _batch = new();
    private ParseOutcome _outcome;
    private long _lastLogTicks = long.MinValue;
    private long _suppressed;

    public CoinTable Coins { get; } = coins;

    /// <summary>How far an event time may be from the receive time when that is known: no event from further in the future, no book older.</summary>
    public TimeSpan ClockWindow { get; init; } = TimeSpan.FromMinutes(5);

    public HlCodecCounters Counters { get; } = new();

    /// <summary>Called for every <c>post</c> answer with its id and what it said, statuses already parsed (nothing allocated on the fast path).</summary>
    public PostResponseHandler? OnPostResponse { get; set; }

    /// <summary>Request id of the last <see cref="HlMessageKind.Post"/> message.</summary>
    public long LastPostId => _outcome.PostId;

    /// <summary>Where the payload of the last non-market message lies in that message: post <c>response</c>, error text (still escaped), subscriptionResponse/user <c>data</c>.</summary>
    public Range LastPayload => _outcome.Payload;

    /// <summary>Coin index of the last event published (market data messages carry one coin), or -1 when the last message published none.</summary>
    public int LastEventCoin { get; private set; } = -1;

    /// <summary>Exchange time (ms) of the last event published.</summary>
    public long LastEventTimeMs { get; private set; }

    /// <summary>Events the staging batch holds room for now: at most <see cref="EventBatch.MaxRetainedCapacity"/> after every message, however large.</summary>
    internal int StagingCapacity => _batch.Capacity;

    /// <summary>Why the last malformed message was rejected.</summary>
    public string? LastError { get; private set; }

    /// <summary>Parses <paramref name="message"/> and publishes its events into <paramref name="sink"/>, stamped with <paramref name="receiveTimestamp"/>.</summary>
    /// <param name="receiveUnixMs">Wall-clock receive time (Unix ms) to hold event times to <see cref="ClockWindow"/>; 0 when unknown (a replay without local times).</param>
    /// <returns>What the message was; <see cref="HlMessageKind.Malformed"/> when it could not be read or carried an impossible value (nothing published).</returns>
    public HlMessageKind Parse<TSink>(ReadOnlySpan<byte> message, ref TSink sink, long receiveTimestamp, long receiveUnixMs = 0)
        where TSink : struct, IMarketEventSink
    {
        var counters = Counters;
        counters.Messages++;
        counters.Bytes += message.Length;
        _batch.Clear();
        _outcome.Clear();
        LastEventCoin = -1;
        HlMessageKind staged;
        try
        {
            staged = Stage(message, receiveUnixMs);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            staged = Fault(message, e);
        }
        if (staged == HlMessageKind.Malformed)
        {
            _batch.ShrinkIfGrown();
            return staged;
        }

        // One claim and one publish for the whole message on a ring: consumers see it whole.
        if (_batch.Count > 0) sink.Reserve(_batch.Count);
        for (var i = 0; i < _batch.Count; i++)
        {
            EventCopy.To(ref _batch[i], ref sink.Claim(), receiveTimestamp);
            sink.Publish();
        }
        counters.Events += _batch.Count;
        if (_batch.Count > 0)
        {
            ref var last = ref _batch[_batch.Count - 1];
            LastEventCoin = last.Coin;
            LastEventTimeMs = last.ExchangeTimeMs;
        }
        counters.UnknownCoins += _outcome.UnknownCoins;
        var kind = Account(message, _outcome.Kind);
        // One huge message (a 1 MiB trades array) must not keep tens of MB staged for good.
        _batch.ShrinkIfGrown();
        return kind;
    }

    /// <summary>Parses into the batch and checks every event; <see cref="HlMessageKind.Malformed"/> when nothing may be published.</summary>
    private HlMessageKind Stage(ReadOnlySpan<byte> message, long receiveUnixMs)
    {
        if (!HlFastParser.TryParse(message, Coins, _batch, ref _outcome) && ParseSlow(message) == HlMessageKind.Malformed)
            return HlMessageKind.Malformed;
        if (_batch.Count > 0 && !Validate(message, receiveUnixMs)) return HlMessageKind.Malformed;
        return _batch.Statuses.Count == 0 || ValidateStatuses(message) ? _outcome.Kind : HlMessageKind.Malformed;
    }

    /// <summary>A post answer with an impossible status is refused whole, like a market message: its orders are then answered by the order stream alone.</summary>
    private bool ValidateStatuses(ReadOnlySpan<byte> message)
    {
        var statuses = _batch.Statuses;
        for (var i = 0; i < statuses.Count; i++)
        {
            var reason = HlEventRules.Check(in statuses[i]);
            if (reason == HlRejectReason.None) continue;
            RejectReply(message, reason, i);
            return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectReply(ReadOnlySpan<byte> message, HlRejectReason reason, int index)
    {
        Counters.Malformed++;
        Counters.CountRejected(reason);
        LastError = $"rejected ({reason}): post answer status {index + 1} of {_batch.Statuses.Count} ({_batch.Statuses[index]}) — starts with: {Preview(message)}";
        _batch.Clear();
        _outcome.Clear();
        Log(LastError);
    }

    private bool Validate(ReadOnlySpan<byte> message, long receiveUnixMs)
    {
        var windowMs = (long)ClockWindow.TotalMilliseconds;
        var crossed = 0;
        for (var i = 0; i < _batch.Count; i++)
        {
            ref var e = ref _batch[i];
            var reason = HlEventRules.Check(ref e, receiveUnixMs, windowMs);
            if (reason != HlRejectReason.None)
            {
                Reject(message, reason, i, receiveUnixMs);
                return false;
            }
            if ((e.Flags & EventFlags.Crossed) != 0 && e.Kind is EventKind.Book or EventKind.Bbo) crossed++;
        }
        Counters.CrossedBooks += crossed;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Reject(ReadOnlySpan<byte> message, HlRejectReason reason, int index, long receiveUnixMs)
    {
        ref var e = ref _batch[index];
        Counters.Malformed++;
        Counters.CountRejected(reason);
        var received = receiveUnixMs == 0 ? "" : $", received at {receiveUnixMs}";
        LastError = $"rejected ({reason}): {e.Kind} {index + 1} of {_batch.Count} (time {e.ExchangeTimeMs}{received}) — starts with: {Preview(message)}";
        _batch.Clear();
        _outcome.Clear();
        Log(LastError);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private HlMessageKind Fault(ReadOnlySpan<byte> message, Exception e)
    {
        _batch.Clear();
        _outcome.Clear();
        Counters.ParserFaults++;
        Counters.Malformed++;
        LastError = $"parser fault on a message of {message.Length} bytes ({e.GetType().Name}: {e.Message}) — starts with: {Preview(message)}";
        Log(LastError);
        return HlMessageKind.Malformed;
    }

    private HlMessageKind Account(ReadOnlySpan<byte> message, HlMessageKind kind)
    {
        switch (kind)
        {
            case HlMessageKind.Post:
                if (OnPostResponse is { } handler)
                {
                    var reply = new PostReply(_outcome.Reply, _outcome.ResponseType, _outcome.Refusal, _batch.Statuses.AsSpan(), message[_outcome.Payload], message[_outcome.ReplyText]);
                    handler(_outcome.PostId, in reply);
                }
                break;
            case HlMessageKind.Error:
                Counters.ServerErrors++;
                break;
            case HlMessageKind.Ignored:
                Counters.Ignored++;
                break;
        }
        return kind;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private HlMessageKind ParseSlow(ReadOnlySpan<byte> message)
    {
        _batch.Clear();
        _outcome.Clear();
        // The greeting is expected plain text, not a message the fast path missed.
        if (HlChannel.IsGreeting(message))
        {
            _outcome.Kind = HlMessageKind.Greeting;
            return HlMessageKind.Greeting;
        }
        Counters.Fallbacks++;
        try
        {
            HlReferenceParser.Parse(message, Coins, _batch, ref _outcome);
            return _outcome.Kind;
        }
        catch (JsonException e)
        {
            _batch.Clear();
            _outcome.Clear();
            Counters.Malformed++;
            LastError = $"malformed message ({message.Length} bytes): {e.Message} — starts with: {Preview(message)}";
            Log(LastError);
            return HlMessageKind.Malformed;
        }
    }

    private void Log(string line)
    {
        if (log is null) return;
        var now = Stopwatch.GetTimestamp();
        if (_lastLogTicks != long.MinValue && Stopwatch.GetElapsedTime(_lastLogTicks, now) < LogInterval)
        {
            _suppressed++;
            return;
        }
        log(_suppressed == 0 ? line : $"{line} ({_suppressed} more malformed messages not logged)");
        _suppressed = 0;
        _lastLogTicks = now;
    }

    private static string Preview(ReadOnlySpan<byte> message)
    {
        var shown = message[..Math.Min(message.Length, 80)];
        var text = Encoding.UTF8.GetString(shown);
        return message.Length > shown.Length ? text + "…" : text;
    }
}
