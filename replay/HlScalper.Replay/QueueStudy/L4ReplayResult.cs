using HlScalper.Replay.Driver;

namespace HlScalper.Replay.QueueStudy;

/// <summary>What replaying a node capture through an exact FIFO book gives: the truth for every order that joined, and the same market as an L2 tape.</summary>
/// <param name="Orders">Every order that joined the book during the capture, in join order.</param>
/// <param name="Tape">The snapshot's top 20 levels a side just before the first block, then per block its trades followed by the book after it (top 20 levels a side): what an <c>l2Book</c> + <c>trades</c> subscription shows, at block resolution.</param>
/// <param name="Blocks">The blocks in order; block i's book is the tape's (i + 1)-th book event.</param>
/// <param name="CancelSteps">Every cancellation at the level of a resting joined order, for each such order: the queue rules' one-step test.</param>
public sealed record L4ReplayResult(IReadOnlyList<TrueOrder> Orders, EventTape Tape, IReadOnlyList<ReplayedBlock> Blocks, IReadOnlyList<CancelStep> CancelSteps, ReplayChecks Checks, int SnapshotOrders);
