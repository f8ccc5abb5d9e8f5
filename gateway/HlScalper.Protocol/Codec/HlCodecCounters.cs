namespace HlScalper.Protocol.Codec;

/// <summary>Running totals of one <see cref="HlCodec"/>; written by the parsing thread only, read by anyone for display.</summary>
public sealed class HlCodecCounters
{
    private readonly long[] _rejected = new long[Enum.GetValues<HlRejectReason>().Length];

    public long Messages { get; internal set; }
    public long Bytes { get; internal set; }
    /// <summary>Events published into the sink.</summary>
    public long Events { get; internal set; }
    /// <summary>Messages the fast scanner did not recognise and the reference parser handled (or rejected).</summary>
    public long Fallbacks { get; internal set; }
    /// <summary>Messages published nothing of: not valid JSON, a wrong shape, or an impossible value (<see cref="Rejected"/>); see <see cref="HlCodec.LastError"/>.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Items for a coin missing from the <see cref="HlScalper.Engine.Events.CoinTable"/>: skipped.</summary>
    public long UnknownCoins { get; internal set; }
    /// <summary>Messages on channel <c>error</c>.</summary>
    public long ServerErrors { get; internal set; }
    /// <summary>Valid messages on channels the engine does not consume.</summary>
    public long Ignored { get; internal set; }
    /// <summary>Books and BBOs published with the best bid at or above the best ask (flagged <see cref="HlScalper.Engine.Events.EventFlags.Crossed"/>).</summary>
    public long CrossedBooks { get; internal set; }
    /// <summary>Exceptions a parser threw that it should not have (a bug; the message counted as malformed). Zero in every test and fuzz run.</summary>
    public long ParserFaults { get; internal set; }

    /// <summary>Messages refused (within <see cref="Malformed"/>) for an impossible value, by reason.</summary>
    public long Rejected(HlRejectReason reason) => _rejected[(int)reason];

    internal void CountRejected(HlRejectReason reason) => _rejected[(int)reason]++;

    public override string ToString()
    {
        var text = $"messages={Messages} bytes={Bytes} events={Events} fallbacks={Fallbacks} malformed={Malformed} unknownCoins={UnknownCoins} serverErrors={ServerErrors} ignored={Ignored} crossedBooks={CrossedBooks}";
        for (var reason = HlRejectReason.None + 1; (int)reason < _rejected.Length; reason++)
            if (_rejected[(int)reason] > 0) text += $" rejected.{reason}={_rejected[(int)reason]}";
        return ParserFaults > 0 ? text + $" parserFaults={ParserFaults}" : text;
    }
}
