using HlScalper.Engine.Events;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.QueueStudy;

/// <summary>A node capture of one coin: the L4 snapshot it starts from and the blocks after it, in block order.</summary>
/// <param name="Statuses">Order-status events by status (the study needs only their counts).</param>
/// <param name="EarlierBlocks">Blocks at or below the snapshot's height, already in it and left out.</param>
/// <param name="MissingBlocks">Block numbers between the first and last block that no file mentions.</param>
/// <param name="TimeConflicts">Lines whose block time disagrees with another line of the same block (the first time is kept).</param>
public sealed record NodeCapture(
    L4Snapshot Snapshot,
    IReadOnlyList<CaptureBlock> Blocks,
    IReadOnlyDictionary<OrderStatus, long> Statuses,
    IReadOnlyList<NodeFileReport> Files,
    long EarlierBlocks,
    long MissingBlocks,
    long TimeConflicts);
