using System.Text.Json;

namespace HlScalper.Cli.Tests;

/// <summary>Issue 15, "collector formats" and "merging files months apart": the data README's CSV and Parquet sets read as they are, folders recursively, and gaps said out loud.</summary>
public class CollectorDataTests
{
    [Test]
    public async Task The_collector_CSV_folder_reads_with_the_counts_of_the_data_readme()
    {
        var folder = SharedData.PathOf("data/hyperliquid/ws_csv_20250904");
        var (code, output, error) = await CliRun.Run("inspect", folder, "--json");
        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var coins = doc.RootElement.GetProperty("coins").EnumerateArray().ToDictionary(c => c.GetProperty("coin").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(coins.Keys, Is.EquivalentTo(new[] { "BTC", "ETH", "SOL" }));
            foreach (var c in coins.Values) Assert.That(c.GetProperty("book_snapshots").GetInt64(), Is.EqualTo(3785));
            Assert.That(coins["BTC"].GetProperty("trades").GetInt64(), Is.EqualTo(6675));
            Assert.That(coins["ETH"].GetProperty("unique_tids").GetInt64(), Is.EqualTo(6884 - 17));
            Assert.That(coins["SOL"].GetProperty("unique_tids").GetInt64(), Is.EqualTo(4437 - 10));
            Assert.That(coins["BTC"].GetProperty("bbo_updates").GetInt64(), Is.EqualTo(27792 / 2), "two rows (bid, ask) per update");
            Assert.That(coins["ETH"].GetProperty("last_bid_px").GetString(), Is.EqualTo("4296.3"));
        });
    }

    [Test]
    public async Task The_collector_Parquet_shards_read_recursively_and_back_test_with_the_coin_given()
    {
        var folder = SharedData.PathOf("data/hyperliquid/ws_parquet_eth_20251210");
        var inspect = await CliRun.Run("inspect", folder, "--coin", "ETH", "--json");
        Assert.That(inspect.Code, Is.Zero, inspect.Err);
        using var doc = JsonDocument.Parse(inspect.Out);
        var eth = doc.RootElement.GetProperty("coins")[0];
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("files").GetArrayLength(), Is.EqualTo(57), "19 shards of each of three tables, in subfolders");
            Assert.That(eth.GetProperty("book_snapshots").GetInt64(), Is.EqualTo(2081));
            Assert.That(eth.GetProperty("unique_tids").GetInt64(), Is.EqualTo(6385));
            Assert.That(eth.GetProperty("bbo_updates").GetInt64(), Is.EqualTo(19934 / 2));
        });
        var dir = Directory.CreateTempSubdirectory("cli-collector-").FullName;
        try
        {
            var backtest = await CliRun.Run("backtest", folder, "--coin", "eth", "--out", dir);
            Assert.That(backtest.Code, Is.Zero, backtest.Err);
            Assert.That(backtest.Out, Does.Contain("(ETH), 18,"), "the ETH tape: books, trades and BBOs");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Collector_shards_that_do_not_name_their_coin_ask_for_it()
    {
        var folder = SharedData.PathOf("data/hyperliquid/ws_parquet_eth_20251210");
        var (code, _, error) = await CliRun.Run("inspect", folder);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("does not say its coin").And.Contain("--coin"));
    }

    [Test]
    public async Task Files_months_apart_are_an_error_unless_gaps_are_allowed()
    {
        var old = SharedData.PathOf("data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4");
        var recent = SharedData.PathOf(Recordings.Derived("BTC"));
        var (code, _, error) = await CliRun.Run("backtest", old, recent);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("gap").And.Contain("days").And.Contain("--allow-gaps").And.Contain("2024-01-01 12:59"));
        var inspect = await CliRun.Run("inspect", old, recent);
        Assert.That(inspect.Code, Is.Zero, inspect.Err);
        Assert.That(inspect.Out, Does.Contain("gap: no data from 2024-01-01 12:59"));
    }
}
