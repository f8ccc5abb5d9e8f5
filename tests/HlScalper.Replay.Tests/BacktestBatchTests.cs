using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Reports;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Tests;

/// <summary>Back-tests stepped in lockstep over one cursor give each run exactly what it gives alone on its own engine thread.</summary>
public class BacktestBatchTests
{
    private static readonly Tape Tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 900_000 });

    /// <summary>Settings that trade differently, with response latency and jitter, so the runs' exchanges hold answers in flight at different times.</summary>
    private static BacktestOptions[] Options()
    {
        var exchange = ExchangeSettings.With(ExchangeSettings.With(new SimExchangeConfig(), "response_ms", "25"), "response_jitter_ms", "50");
        string[][] settings = [["prior_n=100000", "tp_ticks=2"], ["prior_n=100000", "tp_ticks=30", "imbalance=0.55"], ["prior_n=100000", "timeout_s=2"], ["tp_ticks=4"]];
        return [.. settings.Select(s => new BacktestOptions { Asset = AssetMeta.BtcPerp, Settings = s, Exchange = exchange })];
    }

    [Test]
    public void Each_run_of_a_batch_matches_the_same_run_alone_on_the_threaded_engine()
    {
        var options = Options();
        var batch = BacktestBatch.Run(Tape, options);
        Assert.That(batch, Has.Length.EqualTo(options.Length));
        for (var k = 0; k < options.Length; k++)
        {
            var alone = Backtest.Run(Tape, options[k] with { Threaded = true });
            var what = string.Join(' ', options[k].Settings);
            Assert.That(batch[k].Summary.ToTable(), Is.EqualTo(alone.Summary.ToTable()), what);
            Assert.That(batch[k].Trades, Is.EqualTo(alone.Trades), what);
            Assert.That(batch[k].Equity, Is.EqualTo(alone.Equity), what);
            Assert.That(StrategyCounters.Line(batch[k].Engine), Is.EqualTo(StrategyCounters.Line(alone.Engine)), what);
            Assert.That(batch[k].EventsPublished, Is.EqualTo(alone.EventsPublished), what);
        }
        Assert.That(batch.Select(r => r.Summary.ToTable()).Distinct().Count(), Is.GreaterThan(2), "the settings must change outcomes");
        Assert.That(batch.Select(r => r.EventsPublished).Distinct().Count(), Is.GreaterThan(1), "runs must differ in the acks and fills they were handed");
    }

    [Test]
    public void A_runs_result_does_not_depend_on_its_place_in_the_batch_or_its_neighbours()
    {
        var options = Options();
        var forward = BacktestBatch.Run(Tape, options);
        var backward = BacktestBatch.Run(Tape, [.. options.Reverse()]);
        var pair = BacktestBatch.Run(Tape, [options[2], options[2]]);
        for (var k = 0; k < options.Length; k++)
            Assert.That(backward[options.Length - 1 - k].Summary.ToTable(), Is.EqualTo(forward[k].Summary.ToTable()), string.Join(' ', options[k].Settings));
        Assert.That(pair[0].Summary.ToTable(), Is.EqualTo(forward[2].Summary.ToTable()));
        Assert.That(pair[1].Summary.ToTable(), Is.EqualTo(forward[2].Summary.ToTable()));
    }

    [Test]
    public void A_threaded_run_is_refused_in_a_batch() =>
        Assert.That(() => BacktestBatch.Run(Tape, [Options()[0] with { Threaded = true }]), Throws.ArgumentException.With.Message.Contains("threaded"));
}
