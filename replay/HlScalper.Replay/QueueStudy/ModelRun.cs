namespace HlScalper.Replay.QueueStudy;

/// <summary>One model's predictions for every real order (aligned with <see cref="L4ReplayResult.Orders"/>) and its queue errors.</summary>
public sealed record ModelRun(QueueModel Model, IReadOnlyList<ModelPrediction> Predictions, IReadOnlyList<QueueError> QueueErrors);
