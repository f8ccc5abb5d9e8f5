namespace HlScalper.Replay.QueueStudy;

/// <summary>One cancellation at the level of a resting order that joined during the capture, seen as a queue model sees it, with the true outcome.</summary>
/// <remarks>
/// The levels leave the order's own size out, as the simulated exchange's book leaves out its own order, so
/// <c>QueuePosition.AfterDepthChange(FrontRaw, LevelBeforeRaw, LevelAfterRaw, 0, rule, n)</c> is exactly the
/// rule's one-step guess of <see cref="TrueFrontAfterRaw"/>: a test of the rule alone, free of what an L2 view
/// misses at placement.
/// </remarks>
/// <param name="FrontRaw">True size ahead of the order before the cancellation.</param>
/// <param name="AtTouch">The level is its side's best price at that moment.</param>
public readonly record struct CancelStep(int Order, long Block, long FrontRaw, long LevelBeforeRaw, long LevelAfterRaw, long TrueFrontAfterRaw, bool AtTouch);
