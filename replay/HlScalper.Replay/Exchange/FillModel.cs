namespace HlScalper.Replay.Exchange;

/// <summary>How resting orders get filled by the simulated exchange.</summary>
public enum FillModel : byte
{
    /// <summary>Filled in full as soon as the price reaches the order: a trade at or through it, or the opposite best at it. Optimistic.</summary>
    Touch,

    /// <summary>The order waits behind the visible size at its level; only traded volume beyond that queue fills it.</summary>
    Queue,
}
