namespace HlScalper.Replay.QueueStudy;

/// <summary>How well one model predicted the real orders: fill or not, time to first fill, filled size, and the queue ahead along the way.</summary>
/// <remarks>Queue figures are in coins; they are NaN (and counts 0) for touch, which keeps no queue, and wherever there is no sample.</remarks>
/// <param name="Orders">Real orders scored: their twins were placed, and they rested past their join block or filled in it.</param>
/// <param name="BothFilled">Orders filled in reality and in the model (the time-to-fill errors are over these).</param>
/// <param name="Accuracy">Share of scored orders whose fill-or-not the model got right.</param>
/// <param name="TtfMedianAbsErrorMs">Median |predicted − real| time to first fill over <see cref="BothFilled"/> orders.</param>
/// <param name="TtfP90AbsErrorMs">90th percentile of the same.</param>
/// <param name="TtfBiasMs">Mean (predicted − real) time to first fill: negative means the model fills too early.</param>
/// <param name="RealFilledSz">Total size the scored real orders filled, in coins.</param>
/// <param name="PredictedFilledSz">Total size the model filled for their twins, in coins.</param>
/// <param name="QueueSamples">(Order, block) pairs where the real order and its twin both rest at a shown level.</param>
/// <param name="QueueBias">Mean (model − true) size ahead: positive means the model sees a longer queue than there is.</param>
/// <param name="TouchSamples">Of the queue samples, those at the best price, where trades happen.</param>
/// <param name="TouchBestShare">Share of order resamples (bootstrap over the orders, on the touch samples every queue model has) in which this model has the lowest mean absolute touch error of all queue models.</param>
/// <param name="CancelSteps">Cancellations at the level of a resting real order: the rule's one-step test (<see cref="CancelStep"/>).</param>
/// <param name="CancelStepMeanAbsError">Mean |rule's guess − true| size ahead after one cancellation.</param>
/// <param name="CancelStepBias">Mean (guess − true) after one cancellation: negative means the rule moves the order up too far.</param>
public sealed record ModelScore(
    QueueModel Model,
    int Orders,
    int RealFills,
    int PredictedFills,
    int BothFilled,
    double Accuracy,
    double TtfMedianAbsErrorMs,
    double TtfP90AbsErrorMs,
    double TtfBiasMs,
    double RealFilledSz,
    double PredictedFilledSz,
    int QueueSamples,
    double QueueMedianAbsError,
    double QueueP90AbsError,
    double QueueBias,
    int TouchSamples,
    double TouchMeanAbsError,
    double TouchMedianAbsError,
    double TouchP90AbsError,
    double TouchBias,
    double TouchBestShare,
    int CancelSteps,
    double CancelStepMeanAbsError,
    double CancelStepBias);
