namespace HlScalper.Protocol.Codec;

/// <summary>Running totals of one <see cref="HlCodec"/>; written by the parsing thread only, read by anyone for display.</summary>
public sealed class HlCodecCounters
{
    public long Messages { get; internal set; }
    public long Bytes { get; internal set; }
    /// <summary>Events published into the sink.</summary>
    public long Events { get; internal set; }
    /// <summary>Messages the fast scanner did not recognise and the reference parser handled (or rejected).</summary>
    public long Fallbacks { get; internal set; }
    /// <summary>Messages neither parser could read: see <see cref="HlCodec.LastError"/>.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Items for a coin missing from the <see cref="HlScalper.Engine.Events.CoinTable"/>: skipped.</summary>
    public long UnknownCoins { get; internal set; }
    /// <summary>Messages on channel <c>error</c>.</summary>
    public long ServerErrors { get; internal set; }
    /// <summary>Valid messages on channels the engine does not consume.</summary>
    public long Ignored { get; internal set; }

    public override string ToString() =>
        $"messages={Messages} bytes={Bytes} events={Events} fallbacks={Fallbacks} malformed={Malformed} unknownCoins={UnknownCoins} serverErrors={ServerErrors} ignored={Ignored}";
}
