using HlScalper.Replay.Data;

namespace HlScalper.Replay.QueueStudy;

/// <summary>One block of a node capture: its raw book diffs and fills in execution order.</summary>
public sealed class CaptureBlock(long number, long blockTimeNs)
{
    public long Number { get; } = number;

    public long BlockTimeNs { get; } = blockTimeNs;

    /// <summary>Block time in Unix ms: every event of the block happens at this time.</summary>
    public long TimeMs => BlockTimeNs / 1_000_000;

    public List<NodeBookDiff> Diffs { get; } = [];

    public List<NodeFill> Fills { get; } = [];
}
