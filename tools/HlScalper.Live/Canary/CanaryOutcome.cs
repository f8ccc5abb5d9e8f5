namespace HlScalper.Live.Canary;

/// <summary>What a canary run earned: promotion, rejection, or not enough trades to tell (the metric's value in brackets).</summary>
public enum CanaryOutcome
{
    /// <summary>Fewer than the minimum trades (0).</summary>
    Undecided = 0,

    /// <summary>Enough trades and PnL above zero (1).</summary>
    Promote = 1,

    /// <summary>Enough trades and PnL at or below zero (-1).</summary>
    Reject = -1,
}
