using System.Globalization;
using HlScalper.Engine.Strategy;

namespace HlScalper.Live.Canary;

/// <summary>
/// The canary's promotion rule (brief §8): a canary trades a fraction of the normal size, and is promoted only after at least
/// <see cref="MinTrades"/> closed trades with a positive PnL after fees; fewer trades is "undecided", not a pass.
/// </summary>
public readonly record struct CanaryVerdict(CanaryOutcome Outcome, long Trades, decimal Pnl, double Fraction)
{
    public const long MinTrades = 100;

    /// <summary>The verdict's word in the log and summary: promote, reject or undecided.</summary>
    public string Name => Outcome.ToString().ToLowerInvariant();

    /// <summary>The summary line: <c>canary: verdict=… trades=N pnl=X fraction=F min_trades=100</c>.</summary>
    public string Line => string.Format(CultureInfo.InvariantCulture, "canary: verdict={0} trades={1} pnl={2:0.####} fraction={3} min_trades={4}",
        Name, Trades, Pnl, Fraction, MinTrades);

    public static CanaryVerdict Judge(long trades, decimal pnl, double fraction) =>
        new(trades < MinTrades ? CanaryOutcome.Undecided : pnl > 0 ? CanaryOutcome.Promote : CanaryOutcome.Reject, trades, pnl, fraction);

    /// <summary>Scales every size limit of <paramref name="config"/> (Kelly fraction, equity share, position cap) by <paramref name="fraction"/>.</summary>
    /// <remarks>The exchange's minimum order value (<c>min_notional</c>) is not scaled: a canary too small for it makes no entries, and says so by its trade count.</remarks>
    public static void Scale(EngineConfig config, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a canary fraction is in (0, 1]");
        foreach (var key in (ReadOnlySpan<string>)["kelly_fraction", "max_equity_pct", "max_pos_usd"])
        {
            var value = double.Parse(config.Get(key), CultureInfo.InvariantCulture) * fraction;
            config.Set(key, value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
