using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Sweep;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Tests;

/// <summary>Hyperliquid's perps fee tiers (<c>fee_tier</c>) and the break-even section that reprices a run's fills at each of them.</summary>
public class FeeTierTests
{
    private static readonly EventTape Tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 900_000 });
    private static readonly BacktestOptions Options = new() { Asset = AssetMeta.BtcPerp, Settings = ["prior_n=100000"] };

    [TestCase("0", 0.00015, 0.00045)]
    [TestCase("4", 0, 0.00028)]
    [TestCase("6", 0, 0.00024)]
    [TestCase("4+mm2", -0.00002, 0.00028)]
    [TestCase(" 6+MM3 ", -0.00003, 0.00024)]
    public void A_tier_sets_both_rates(string text, decimal maker, decimal taker)
    {
        var config = ExchangeSettings.With(new SimExchangeConfig(), "fee_tier", text);
        Assert.That((config.MakerFeeRate, config.TakerFeeRate), Is.EqualTo((maker, taker)));
    }

    [TestCase("7")]
    [TestCase("mm1")]
    [TestCase("3+mm4")]
    [TestCase("1+mm1+mm2")]
    [TestCase("")]
    public void Not_a_tier_is_refused_naming_the_value(string text) =>
        Assert.That(() => ExchangeSettings.With(new SimExchangeConfig(), "fee_tier", text), Throws.ArgumentException.With.Message.Contains($"fee_tier={text}"));

    [Test]
    public void A_maker_fee_set_after_the_tier_wins() =>
        Assert.That(ExchangeSettings.With(ExchangeSettings.With(new SimExchangeConfig(), "fee_tier", "3"), "maker_fee", "0.0001").MakerFeeRate, Is.EqualTo(0.0001m));

    [Test]
    public void Down_the_schedule_no_rate_rises() =>
        Assert.That(FeeTier.Schedule.Zip(FeeTier.Schedule.Skip(1)).All(p => p.Second.Maker <= p.First.Maker && p.Second.Taker <= p.First.Taker));

    [Test]
    public void Repricing_a_run_at_its_own_tier_gives_its_net_pnl_and_another_tier_gives_what_running_at_it_gives()
    {
        foreach (var tier in new[] { "0", "3", "6+mm3" })
        {
            var exchange = ExchangeSettings.With(new SimExchangeConfig(), "fee_tier", tier);
            var run = Backtest.Run(Tape, Options with { Exchange = exchange }).Summary;
            Assert.That(run.Fills, Is.GreaterThan(10), "the run must fill");
            Assert.That(run.MakerNotional, Is.GreaterThan(0).And.LessThan(run.FilledNotional), "maker and taker fills both");
            // Each fill's fee is truncated to 1e-8 USDC; repricing uses the exact notional.
            Assert.That(BreakEven.NetAt(run, FeeTier.Parse(tier)), Is.EqualTo(run.NetPnl).Within(run.Fills * 1e-8 + 1e-9), tier);
        }
    }

    [Test]
    public void The_break_even_ladder_is_the_backtest_at_each_take_profit_and_names_the_first_positive_one()
    {
        var run = Backtest.Run(Tape, Options).Summary;
        var breakEven = BreakEven.Compute(Tape, Options, run, [2, 8, 30], parallelism: 2);
        Assert.That(breakEven.Ticks, Is.EqualTo(new[] { 2, 8, 30 }));
        for (var i = 0; i < 3; i++)
            Assert.That(breakEven.ByTicks[i], Is.EqualTo(Backtest.Run(Tape, Options with { Settings = [.. Options.Settings, $"tp_ticks={breakEven.Ticks[i]}"] }).Summary));
        foreach (var tier in FeeTier.Schedule)
        {
            var first = Enumerable.Range(0, 3).FirstOrDefault(i => BreakEven.NetAt(breakEven.ByTicks[i], tier) > 0, -1);
            Assert.That(breakEven.PositiveFrom(tier), Is.EqualTo(first < 0 ? null : breakEven.Ticks[first]), tier.Name);
        }
        var (header, rows) = breakEven.Table();
        Assert.That(rows, Has.Count.EqualTo(FeeTier.Schedule.Count));
        Assert.That(rows.All(r => r.Length == header.Length));
    }

    [Test]
    public void The_same_inputs_at_a_fee_tier_give_a_byte_identical_summary_and_break_even_table()
    {
        var options = Options with { Exchange = ExchangeSettings.With(new SimExchangeConfig(), "fee_tier", "2+mm1") };
        string Once()
        {
            var run = Backtest.Run(Tape, options).Summary;
            var table = BreakEven.Compute(Tape, options, run, [2, 6], parallelism: 2).Table();
            return run.ToTable() + string.Join('\n', table.Rows.Select(r => string.Join('|', r)));
        }
        var first = Once();
        var second = Once();
        Assert.That(second, Is.EqualTo(first));
    }
}
