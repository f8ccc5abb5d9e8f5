namespace HlScalper.Replay.QueueStudy;

/// <summary>A model's queue ahead of an order against the true one, at the end of a block where both the real order and its twin rest at a shown level.</summary>
/// <param name="AtTouch">The order's price is its side's best price in that block's book: where trades happen, so where the queue decides fills.</param>
public readonly record struct QueueError(int Order, long Block, double ModelAheadRaw, long TrueAheadRaw, bool AtTouch)
{
    /// <summary>Model minus truth, raw units: positive means the model thinks more is ahead (pessimistic).</summary>
    public double ErrorRaw => ModelAheadRaw - TrueAheadRaw;
}
