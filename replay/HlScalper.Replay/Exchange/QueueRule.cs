namespace HlScalper.Replay.Exchange;

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
