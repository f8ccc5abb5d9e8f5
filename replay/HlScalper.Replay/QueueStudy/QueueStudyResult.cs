using HlScalper.Engine.Events;

namespace HlScalper.Replay.QueueStudy;

/// <summary>The queue-model study of one node capture: the data, the truth, every model's run and score.</summary>
public sealed record QueueStudyResult(NodeCapture Capture, L4ReplayResult Truth, IReadOnlyList<ModelRun> Runs, IReadOnlyList<ModelScore> Scores)
{
    /// <summary>The capture's span from the first block to the last, in seconds.</summary>
    public double WindowSeconds => Truth.Blocks.Count < 2 ? 0 : (Truth.Blocks[^1].TimeMs - Truth.Blocks[0].TimeMs) / 1000.0;

    public int Trades => Truth.Blocks.Sum(b => b.Trades);

    /// <summary>Real orders whose twin was rejected at placement: post-only, it would have crossed the last L2 book (the same for every model).</summary>
    public int RejectedTwins => Runs.Count == 0 ? 0 : Runs[0].Predictions.Count(p => p.Answer != OrderStatus.Open);

    /// <summary>Real orders that joined and left within one block without a fill: no L2 view ever sees them.</summary>
    public int GoneWithinJoinBlock => Truth.Orders.Count(o => !o.Filled && !o.IsRestingAfter(o.JoinBlock));

    /// <summary>The queue rule the data favours: the best fill accuracy, then the smallest mean absolute queue error at the touch (where fills happen), then the smallest one-step cancellation error.</summary>
    public ModelScore? Recommended => Scores.Where(s => s.Model.HasQueue && s.Orders > 0)
        .OrderByDescending(s => s.Accuracy)
        .ThenBy(s => Nan(s.TouchMeanAbsError))
        .ThenBy(s => Nan(s.CancelStepMeanAbsError))
        .FirstOrDefault();

    private static double Nan(double value) => double.IsNaN(value) ? double.MaxValue : value;
}
