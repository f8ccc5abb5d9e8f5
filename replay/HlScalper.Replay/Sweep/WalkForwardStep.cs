using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>One fold's outcome: the grid ranked on its training window, and the winner's run on its test window alone.</summary>
/// <param name="InSample">The training window's ranking, best first (<see cref="SweepRunner.Rank"/>).</param>
/// <param name="OutOfSample">The first of <paramref name="InSample"/> run on the test window's events only.</param>
public sealed record WalkForwardStep(WalkForwardFold Fold, long TrainEvents, long TestEvents, IReadOnlyList<SweepRow> InSample, SweepRow OutOfSample)
{
    public SweepRow Chosen => InSample[0];
}
