using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Strategy;

/// <summary>Entry size from the Kelly fraction f* = p − (1 − p) / b, with p and b estimated from the strategy's own closed trades and a prior.</summary>
/// <remarks>
/// Outcomes are measured in ticks at the entry price, so trades of different sizes and prices pool.
/// Where the prior comes from: the exit rules fix the payoff geometry — a win is the take-profit
/// (+2 ticks), a full loss the adverse exit (−4 ticks) — so the prior average win and loss are those
/// distances (b₀ = 0.5). That geometry breaks even at p = 2/3; the prior hit rate 0.70 is an assumption,
/// not a measurement, that the trigger beats break-even by a little, so that a fresh engine trades at
/// all. It weighs 20 trades, so a few dozen of the strategy's own trades outweigh it; set it from a
/// back-test (prior_p, prior_win_ticks, prior_loss_ticks, prior_n) before trading real money.
/// </remarks>
public sealed class KellySizer(StrategyConfig config)
{
    private long _wins;
    private long _losses;
    private double _winTicks;
    private double _lossTicks;

    /// <summary>Estimated hit rate: (wins + p₀n₀) / (trades + n₀).</summary>
    public double HitRate => (_wins + config.PriorHitRate * config.PriorTrades) / (_wins + _losses + config.PriorTrades);

    /// <summary>Estimated payoff ratio b: average win / average loss, each shrunk toward the prior.</summary>
    public double Payoff
    {
        get
        {
            var priorWins = config.PriorHitRate * config.PriorTrades;
            var priorLosses = (1 - config.PriorHitRate) * config.PriorTrades;
            var avgWin = (_winTicks + priorWins * config.PriorWinTicks) / (_wins + priorWins);
            var avgLoss = (_lossTicks + priorLosses * config.PriorLossTicks) / (_losses + priorLosses);
            return avgLoss > 0 ? avgWin / avgLoss : double.PositiveInfinity;
        }
    }

    /// <summary>f* = p − (1 − p) / b.</summary>
    public double Fraction => HitRate - (1 - HitRate) / Payoff;

    /// <summary>Records a closed trade's outcome in ticks at its entry price (a zero outcome is a loss of nothing).</summary>
    public void Record(double outcomeTicks)
    {
        if (outcomeTicks > 0)
        {
            _wins++;
            _winTicks += outcomeTicks;
        }
        else
        {
            _losses++;
            _lossTicks -= outcomeTicks;
        }
    }

    /// <summary>
    /// The entry size in raw lots at <paramref name="pxRaw"/>: min(f* × fraction × equity, cap × equity) / price, rounded down to the lot;
    /// 0 with the reason when f* ≤ 0 or the result is worth less than the minimum order value.
    /// </summary>
    public long Size(long pxRaw, double equityUsd, int szDecimals, out SkipReason skip)
    {
        var f = Fraction;
        skip = SkipReason.KellyNotPositive;
        if (!(f > 0) || !(equityUsd > 0)) return 0;
        var capUsd = config.MaxEquityFraction * equityUsd;
        var usd = Math.Min(f * config.KellyFraction * equityUsd, capUsd);
        var px = pxRaw / (double)Fixed8.Scale;
        var szRaw = PriceRules.RoundSizeDown((long)(usd / px * Fixed8.Scale), szDecimals);
        // The double estimate may land one lot over the cap; the exact notional decides.
        var lot = PriceRules.LotSize(szDecimals);
        while (szRaw > 0 && NotionalUsd(pxRaw, szRaw) > capUsd) szRaw -= lot;
        skip = SkipReason.BelowMinNotional;
        if (szRaw <= 0 || NotionalUsd(pxRaw, szRaw) < config.MinNotionalUsd) return 0;
        skip = SkipReason.None;
        return szRaw;
    }

    /// <summary>px × sz in USDC, exact to the raw unit (through <see cref="Int128"/>) before the one conversion to double.</summary>
    public static double NotionalUsd(long pxRaw, long szRaw) => (double)((Int128)pxRaw * szRaw / Fixed8.Scale) / Fixed8.Scale;
}
