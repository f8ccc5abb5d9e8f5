namespace HlScalper.Replay.Exchange;

/// <summary>The queue-position arithmetic of the <see cref="FillModel.Queue"/> model, in raw size units.</summary>
public static class QueuePosition
{
    /// <summary>The queue ahead after the level went from <paramref name="previousLevel"/> to <paramref name="newLevel"/>, of which <paramref name="tradedSinceLast"/> were trades already subtracted.</summary>
    /// <remarks>
    /// Only the part of a decrease not explained by trades is a cancellation. With front = queue ahead and
    /// back = previous level − front, the probabilistic rules take p = f(back) / (f(back) + f(front)) as the
    /// chance a cancellation was behind us: front' = front − (1 − p)·Δ, and if more than the whole back
    /// was cancelled the rest must have come from the front. Growth is always behind us. Result in [0, newLevel].
    /// </remarks>
    public static double AfterDepthChange(double front, long previousLevel, long newLevel, double tradedSinceLast, QueueRule rule, double power)
    {
        var cancelled = previousLevel - newLevel - tradedSinceLast;
        if (cancelled > 0 && rule != QueueRule.RiskAverse)
        {
            var back = Math.Max(previousLevel - front, 0);
            var fBack = Shape(back, rule, power);
            var fFront = Shape(front, rule, power);
            var p = fBack + fFront > 0 ? fBack / (fBack + fFront) : 1.0;
            front = front - (1 - p) * cancelled + Math.Min(back - p * cancelled, 0);
        }
        return Math.Clamp(front, 0, Math.Max(newLevel, 0));
    }

    // Sizes in whole coins: ln(1 + x) is not scale-free, and hftbacktest feeds it quantities, not raw units.
    private static double Shape(double rawSize, QueueRule rule, double power)
    {
        var x = rawSize / Engine.Numbers.Fixed8.Scale;
        return rule == QueueRule.ProbLog ? Math.Log(1 + x) : Math.Pow(x, power);
    }
}
