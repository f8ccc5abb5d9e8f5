namespace HlScalper.Replay.Exchange;

/// <summary>How resting orders get filled by the simulated exchange.</summary>
public enum FillModel : byte
{
    /// <summary>Filled in full as soon as the price reaches the order: a trade at or through it, or the opposite best at it. Optimistic.</summary>
    Touch,

    /// <summary>The order waits behind the visible size at its level; only traded volume beyond that queue fills it.</summary>
    Queue,
}

/// <summary>How the queue ahead of an order changes when the visible size at its level decreases (cancellations, not trades).</summary>
/// <remarks>Named after hftbacktest's queue models (<c>queue.rs</c>, <c>order_fill.rst</c>); the formulas are restated in <see cref="QueuePosition"/>.</remarks>
public enum QueueRule : byte
{
    /// <summary>Cancellations are all behind us: the queue ahead only shrinks with trades (and never exceeds the level's size).</summary>
    RiskAverse,

    /// <summary>A decrease comes from behind with probability f(back)/(f(back)+f(front)), f(x) = x^n.</summary>
    ProbPower,

    /// <summary>As <see cref="ProbPower"/> with f(x) = ln(1 + x).</summary>
    ProbLog,
}
