using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Synthetic;


namespace HlScalper.Cli.Tests;

public class BacktestCommandTests
{
    [Test]
    public async Task Backtest_on_the_built_in_market_writes_every_file_and_repeats_byte_for_byte()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlscalper-bt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var a = await CliRun.Run("backtest", "--minutes", "20", "--out", Path.Combine(root, "a"));
            var b = await CliRun.Run("backtest", "--minutes", "20", "--threads", "2", "--out", Path.Combine(root, "b"));
            Assert.That(a.Code, Is.Zero, a.Err);
            Assert.That(b.Code, Is.Zero, b.Err);
            foreach (var file in new[] { "trades.parquet", "summary.parquet", "equity.png", "report.html" })
                Assert.That(new FileInfo(Path.Combine(root, "a", file)).Length, Is.GreaterThan(100), file);
            Assert.That(File.ReadAllBytes(Path.Combine(root, "a", "summary.parquet")), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "b", "summary.parquet"))));
            Assert.That(File.ReadAllBytes(Path.Combine(root, "a", "trades.parquet")), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "b", "trades.parquet"))));
            Assert.That(a.Out, Does.Contain("net_pnl_usd").And.Contain("events/s"));
            Assert.That(File.ReadAllText(Path.Combine(root, "a", "report.html")), Does.Contain("equity.png").And.Contain("Sharpe"));
            var png = File.ReadAllBytes(Path.Combine(root, "a", "equity.png"));
            Assert.That(png[1..4], Is.EqualTo("PNG"u8.ToArray()));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task A_run_whose_Kelly_fraction_turned_negative_says_why_it_stopped_entering()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlscalper-kelly-" + Guid.NewGuid().ToString("N"));
        try
        {
            // prior_p=0.5 with the 2:4 tick payoff gives f* = 0.5 − 0.5/0.5 < 0 from the start.
            var negative = await CliRun.Run("backtest", "--minutes", "10", "--set", "prior_p=0.5", "--out", Path.Combine(root, "n"));
            var pinned = await CliRun.Run("backtest", "--minutes", "10", "--set", "prior_n=1000000", "--out", Path.Combine(root, "p"));
            Assert.That(negative.Code, Is.Zero, negative.Err);
            Assert.That(negative.Out, Does.Contain("note: after 0 trade(s) the Kelly fraction f* is -0.5").And.Contain("triggers skipped"));
            Assert.That(File.ReadAllText(Path.Combine(root, "n", "report.html")), Does.Contain("Kelly fraction"));
            Assert.That(pinned.Out, Does.Not.Contain("Kelly fraction"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task Bad_options_are_usage_errors()
    {
        Assert.That((await CliRun.Run("backtest", "--fill", "magic")).Code, Is.EqualTo(2));
        Assert.That((await CliRun.Run("backtest", "--set", "nonsense=1")).Code, Is.EqualTo(2));
        Assert.That((await CliRun.Run("backtest", "--frobnicate", "1")).Code, Is.EqualTo(2));
        Assert.That((await CliRun.Run("backtest", "--coin", "DOGE")).Err, Does.Contain("sz-decimals"));
    }

    [Test]
    public void The_strategy_trades_more_when_its_take_profit_covers_the_fees_and_the_summary_changes_with_parameters()
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 1_200_000 });
        var baseOptions = new BacktestOptions { Asset = HlScalper.Engine.Numbers.AssetMeta.BtcPerp };
        var plain = Backtest.Run(tape, baseOptions);
        var touch = Backtest.Run(tape, baseOptions with { Exchange = new SimExchangeConfig { Fill = FillModel.Touch } });
        Assert.That(plain.Summary.Entries, Is.GreaterThan(0));
        Assert.That(touch.Exchange.FilledOrders, Is.GreaterThanOrEqualTo(plain.Exchange.FilledOrders));
        Assert.That(Backtest.Run(tape, baseOptions).Summary, Is.EqualTo(plain.Summary));
    }
}

public class DataCommandTests
{
    [Test]
    public async Task Inspect_json_reports_the_readme_counts_and_convert_output_inspects_the_same()
    {
        var source = SharedData.PathOf("data/hyperliquid/derived_ws_20250904/ETH.lz4");
        var (code, output, error) = await CliRun.Run("inspect", source, "--json");
        Assert.That(code, Is.Zero, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var eth = doc.RootElement.GetProperty("coins")[0];
        Assert.That(eth.GetProperty("coin").GetString(), Is.EqualTo("ETH"));
        Assert.That(eth.GetProperty("book_snapshots").GetInt64(), Is.EqualTo(3785));
        Assert.That(eth.GetProperty("trades").GetInt64(), Is.EqualTo(6884));
        Assert.That(eth.GetProperty("unique_tids").GetInt64(), Is.EqualTo(6867));

        var dir = Path.Combine(Path.GetTempPath(), $"convert-{Guid.NewGuid():N}");
        try
        {
            Assert.That((await CliRun.Run("convert", source, "--out", dir)).Code, Is.Zero);
            var again = await CliRun.Run("inspect", dir, "--json");
            using var converted = System.Text.Json.JsonDocument.Parse(again.Out);
            var c = converted.RootElement.GetProperty("coins")[0];
            Assert.That(c.GetProperty("unique_tids").GetInt64(), Is.EqualTo(6867));
            Assert.That(c.GetProperty("book_snapshots").GetInt64(), Is.EqualTo(3785));
            Assert.That(c.GetProperty("last_bid_px").GetString(), Is.EqualTo(eth.GetProperty("last_bid_px").GetString()));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Missing_and_unreadable_inputs_fail_with_the_file_named()
    {
        var missing = await CliRun.Run("backtest", "--data", "/nope/BTC.lz4");
        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Err, Does.Contain("/nope/BTC.lz4"));
        var readme = SharedData.PathOf("data/hyperliquid/README.md");
        var unknown = await CliRun.Run("inspect", readme);
        Assert.That(unknown.Code, Is.EqualTo(1));
        Assert.That(unknown.Err, Does.Contain(readme).And.Contain("unknown format"));
    }
}
