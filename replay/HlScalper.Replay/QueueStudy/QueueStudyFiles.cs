using HlScalper.Engine.Numbers;
using HlScalper.Replay.Reports;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Writes the study to Parquet: <c>queue_study.parquet</c> (one row per model) and <c>queue_orders.parquet</c> (one row per real order and model).</summary>
public static class QueueStudyFiles
{
    public const string ScoresFile = "queue_study.parquet";
    public const string OrdersFile = "queue_orders.parquet";

    public static async Task WriteAsync(QueueStudyResult result, string directory, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(directory);
        await Scores(result.Scores).WriteAsync(Path.Combine(directory, ScoresFile), cancel: cancel);
        await Orders(result).WriteAsync(Path.Combine(directory, OrdersFile), cancel: cancel);
    }

    private static ParquetTable Scores(IReadOnlyList<ModelScore> s) => new ParquetTable()
        .Add("model", s.Select(x => x.Model.Name).ToArray())
        .Add("is_default", s.Select(x => x.Model.IsDefault).ToArray())
        .Add("orders", s.Select(x => x.Orders).ToArray())
        .Add("real_fills", s.Select(x => x.RealFills).ToArray())
        .Add("model_fills", s.Select(x => x.PredictedFills).ToArray())
        .Add("both_filled", s.Select(x => x.BothFilled).ToArray())
        .Add("fill_accuracy", s.Select(x => x.Accuracy).ToArray())
        .Add("ttf_abs_err_p50_ms", s.Select(x => x.TtfMedianAbsErrorMs).ToArray())
        .Add("ttf_abs_err_p90_ms", s.Select(x => x.TtfP90AbsErrorMs).ToArray())
        .Add("ttf_bias_ms", s.Select(x => x.TtfBiasMs).ToArray())
        .Add("real_filled_sz", s.Select(x => x.RealFilledSz).ToArray())
        .Add("model_filled_sz", s.Select(x => x.PredictedFilledSz).ToArray())
        .Add("queue_samples", s.Select(x => x.QueueSamples).ToArray())
        .Add("queue_abs_err_p50", s.Select(x => x.QueueMedianAbsError).ToArray())
        .Add("queue_abs_err_p90", s.Select(x => x.QueueP90AbsError).ToArray())
        .Add("queue_bias", s.Select(x => x.QueueBias).ToArray())
        .Add("touch_samples", s.Select(x => x.TouchSamples).ToArray())
        .Add("touch_abs_err_mean", s.Select(x => x.TouchMeanAbsError).ToArray())
        .Add("touch_abs_err_p50", s.Select(x => x.TouchMedianAbsError).ToArray())
        .Add("touch_abs_err_p90", s.Select(x => x.TouchP90AbsError).ToArray())
        .Add("touch_bias", s.Select(x => x.TouchBias).ToArray())
        .Add("touch_best_share", s.Select(x => x.TouchBestShare).ToArray())
        .Add("cancel_steps", s.Select(x => x.CancelSteps).ToArray())
        .Add("one_step_abs_err_mean", s.Select(x => x.CancelStepMeanAbsError).ToArray())
        .Add("one_step_bias", s.Select(x => x.CancelStepBias).ToArray());

    private static ParquetTable Orders(QueueStudyResult result)
    {
        var rows = result.Runs.SelectMany(run => result.Truth.Orders.Select(real => (run.Model, Real: real, Twin: run.Predictions[real.Index]))).ToList();
        return new ParquetTable()
            .Add("model", rows.Select(r => r.Model.Name).ToArray())
            .Add("oid", rows.Select(r => r.Real.Oid).ToArray())
            .Add("side", rows.Select(r => r.Real.Side == Engine.Events.Side.Buy ? "B" : "A").ToArray())
            .Add("px", rows.Select(r => Fixed8.ToDouble(r.Real.PxRaw)).ToArray())
            .Add("sz", rows.Select(r => Fixed8.ToDouble(r.Real.SizeRaw)).ToArray())
            .Add("join_block", rows.Select(r => r.Real.JoinBlock).ToArray())
            .Add("join_time_ms", rows.Select(r => r.Real.JoinTimeMs).ToArray())
            .Add("true_ahead_at_join", rows.Select(r => Fixed8.ToDouble(r.Real.AheadAtJoinRaw)).ToArray())
            .Add("real_end", rows.Select(r => r.Real.End.ToString()).ToArray())
            .Add("real_end_time_ms", rows.Select(r => r.Real.EndTimeMs).ToArray())
            .Add("real_ttf_ms", rows.Select(r => r.Real.TimeToFillMs).ToArray())
            .Add("real_filled_sz", rows.Select(r => Fixed8.ToDouble(r.Real.FilledRaw)).ToArray())
            .Add("scored", rows.Select(r => ModelScorer.IsScored(r.Real, r.Twin)).ToArray())
            .Add("twin_answer", rows.Select(r => r.Twin.Answer.ToString()).ToArray())
            .Add("twin_ahead_at_placement", rows.Select(r => r.Twin.QueueAtPlacementRaw / Fixed8.Scale).ToArray())
            .Add("twin_ttf_ms", rows.Select(r => r.Twin.TimeToFillMs).ToArray())
            .Add("twin_filled_sz", rows.Select(r => Fixed8.ToDouble(r.Twin.FilledRaw)).ToArray());
    }
}
