using System.Globalization;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>Where the edge turns positive: the run's fills repriced at every Hyperliquid fee tier, and the same back-test over a ladder of take-profits, each repriced alike.</summary>
/// <remarks>
/// Repricing keeps the fills as simulated at the run's own fees: net = gross + funding − maker notional × maker rate −
/// taker notional × taker rate. The Kelly sizer learns from net PnL, so at another tier it could size differently; with
/// sizing pinned to the prior (<c>prior_n=1000000</c>) the table reads as the strategy's edge per tier.
/// </remarks>
public sealed record BreakEven(BacktestSummary Run, IReadOnlyList<int> Ticks, IReadOnlyList<BacktestSummary> ByTicks)
{
    /// <summary>The default ladder of take-profits, ticks.</summary>
    public static IReadOnlyList<int> DefaultTicks { get; } = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32];

    public static IReadOnlyList<FeeTier> Tiers => FeeTier.Schedule;

    /// <summary>Runs the back-test once per take-profit in <paramref name="ticks"/> (in parallel, as a sweep); a cancelled run leaves the ladder short.</summary>
    public static BreakEven Compute(Tape tape, BacktestOptions options, BacktestSummary run, IReadOnlyList<int> ticks, int parallelism, CancellationToken cancel = default)
    {
        var grid = ParamGrid.Parse("tp_ticks=" + string.Join(',', ticks.Select(t => t.ToString(CultureInfo.InvariantCulture))));
        var rows = SweepRunner.Run(tape, options, grid, options.Settings, parallelism, cancel: cancel).OrderBy(r => r.Combination).ToList();
        return new BreakEven(run, rows.Select(r => ticks[r.Combination]).ToList(), rows.Select(r => r.Summary).ToList());
    }

    /// <summary>Net PnL of <paramref name="s"/>'s fills had they paid <paramref name="tier"/>'s rates, USDC.</summary>
    public static double NetAt(BacktestSummary s, FeeTier tier) =>
        s.GrossPnl + s.Funding - s.MakerNotional * (double)tier.Maker - (s.FilledNotional - s.MakerNotional) * (double)tier.Taker;

    /// <summary>The smallest take-profit of the ladder at which <paramref name="tier"/>'s net PnL is above 0; null when none is.</summary>
    public int? PositiveFrom(FeeTier tier)
    {
        for (var i = 0; i < Ticks.Count; i++)
            if (NetAt(ByTicks[i], tier) > 0) return Ticks[i];
        return null;
    }

    /// <summary>Header and rows: tier, rates, this run's net, net at each take-profit, where it turns positive. Invariant text, so equal inputs give equal tables.</summary>
    public (string[] Header, IReadOnlyList<string[]> Rows) Table()
    {
        string[] header = ["tier", "maker %", "taker %", "this run", .. Ticks.Select(t => $"tp {t}"), "positive from tp_ticks"];
        var rows = Tiers.Select(tier => (string[])
        [
            tier.Name, Pct(tier.Maker), Pct(tier.Taker), Money(NetAt(Run, tier)),
            .. ByTicks.Select(s => Money(NetAt(s, tier))),
            PositiveFrom(tier) is { } t ? t.ToString(CultureInfo.InvariantCulture) : $"none up to {(Ticks.Count == 0 ? 0 : Ticks[^1])}",
        ]).ToList();
        return (header, rows);
    }

    /// <summary>One console line per tier.</summary>
    public IEnumerable<string> Lines() => Tiers.Select(tier =>
        $"break-even {tier}: this run {Money(NetAt(Run, tier))} USDC; " +
        (PositiveFrom(tier) is { } t ? $"positive from tp_ticks={t}" : $"not positive at any tp_ticks up to {(Ticks.Count == 0 ? 0 : Ticks[^1])}"));

    private static string Pct(decimal rate) => (rate * 100).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Money(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
