using HlScalper.Engine.Events;

namespace HlScalper.Replay.QueueStudy;

/// <summary>What one model predicts for the hypothetical twin of one real order.</summary>
/// <param name="Answer">The exchange's answer to the placement: <see cref="OrderStatus.Open"/>, or the rejection (a post-only order crossing the last L2 book).</param>
/// <param name="FirstFillTimeMs">-1 when it never filled.</param>
/// <param name="QueueAtPlacementRaw">The size the model put ahead of it when it was placed (the visible level size).</param>
public readonly record struct ModelPrediction(OrderStatus Answer, long PlacedTimeMs, long FirstFillTimeMs, long FilledRaw, double QueueAtPlacementRaw)
{
    public bool Placed => Answer == OrderStatus.Open;

    public bool Filled => FirstFillTimeMs >= 0;

    public long TimeToFillMs => Filled ? FirstFillTimeMs - PlacedTimeMs : -1;
}
