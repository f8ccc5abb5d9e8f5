namespace HlScalper.Replay.Data;

/// <summary>The envelope of one node output line: the block it belongs to, the block's time and the node's local write time (Unix ns, UTC).</summary>
public readonly record struct NodeBlock(long Number, long BlockTimeNs, long LocalTimeNs)
{
    /// <summary>Block time in Unix ms: the exchange's clock, and the <c>time</c> of the block's fills.</summary>
    public long TimeMs => BlockTimeNs / 1_000_000;
}
