using HlScalper.Engine.Numbers;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Scores a model's predictions against the truth of the FIFO replay.</summary>
public static class ModelScorer
{
    /// <summary>True for the orders every model is scored on: the twin was placed, and the real order rested past its join block or filled in it (an order gone within its block is invisible at block resolution).</summary>
    public static bool IsScored(TrueOrder real, ModelPrediction twin) => twin.Placed && (real.Filled || real.IsRestingAfter(real.JoinBlock));

    /// <summary>The score, with <see cref="ModelScore.TouchBestShare"/> left at NaN: it compares models, see <see cref="OrderBootstrap"/>.</summary>
    public static ModelScore Score(L4ReplayResult truth, ModelRun run)
    {
        int orders = 0, realFills = 0, predicted = 0, both = 0, right = 0;
        long realSize = 0, predictedSize = 0;
        var ttf = new List<double>();
        foreach (var real in truth.Orders)
        {
            var twin = run.Predictions[real.Index];
            if (!IsScored(real, twin)) continue;
            orders++;
            realFills += real.Filled ? 1 : 0;
            predicted += twin.Filled ? 1 : 0;
            right += real.Filled == twin.Filled ? 1 : 0;
            realSize += real.FilledRaw;
            predictedSize += twin.FilledRaw;
            if (!real.Filled || !twin.Filled) continue;
            both++;
            ttf.Add(twin.TimeToFillMs - real.TimeToFillMs);
        }
        var queue = Errors(run.QueueErrors.Select(e => e.ErrorRaw));
        var touch = Errors(run.QueueErrors.Where(e => e.AtTouch).Select(e => e.ErrorRaw));
        var steps = run.Model.HasQueue ? Errors(truth.CancelSteps.Select(s => OneStepError(run.Model, s))) : [];
        return new ModelScore(
            run.Model, orders, realFills, predicted, both,
            orders == 0 ? double.NaN : (double)right / orders,
            Quantile.Of(ttf.Select(Math.Abs), 0.5), Quantile.Of(ttf.Select(Math.Abs), 0.9), Mean(ttf),
            Fixed8.ToDouble(realSize), Fixed8.ToDouble(predictedSize),
            queue.Count, Quantile.Of(queue.Select(Math.Abs), 0.5), Quantile.Of(queue.Select(Math.Abs), 0.9), Mean(queue),
            touch.Count, Mean(touch.Select(Math.Abs)), Quantile.Of(touch.Select(Math.Abs), 0.5), Quantile.Of(touch.Select(Math.Abs), 0.9), Mean(touch),
            double.NaN,
            steps.Count, Mean(steps.Select(Math.Abs)), Mean(steps));
    }

    /// <summary>The rule's guess of the size ahead after the cancellation, minus the truth, in raw units.</summary>
    public static double OneStepError(QueueModel model, CancelStep step) =>
        QueuePosition.AfterDepthChange(step.FrontRaw, step.LevelBeforeRaw, step.LevelAfterRaw, 0, model.Rule, model.Power) - step.TrueFrontAfterRaw;

    private static List<double> Errors(IEnumerable<double> raw) => raw.Select(e => e / Fixed8.Scale).ToList();

    private static double Mean(IEnumerable<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            sum += v;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
