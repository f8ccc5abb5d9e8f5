using HlScalper.Cli.Commands;

namespace HlScalper.Cli.Tests;

/// <summary>Issue 15, "mainnet by default", "silent fallbacks" and "crashes": nothing trades real money unasked, nothing falls back to the built-in market, any case of a coin works.</summary>
[NonParallelizable]
public class SafeDefaultsTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private string _dir = null!;
    private string _env = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Directory.CreateTempSubdirectory("cli-safe-").FullName;
        _env = Path.Combine(_dir, ".env");
        File.WriteAllText(_env, $"HL_PK={Key}\n");
    }

    [TearDown]
    public void DeleteDirectory()
    {
        LiveCommand.Terminal = () => Console.IsInputRedirected ? null : Console.In;
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Live_without_an_endpoint_choice_refuses_instead_of_trading_mainnet()
    {
        var (code, output, error) = await CliRun.Run("live", "--coin", "BTC", "--env", _env);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--testnet").And.Contain("--mainnet"));
            Assert.That(output, Does.Not.Contain("evt="), "nothing started");
        });
    }

    [Test]
    public async Task Mainnet_says_what_it_is_about_to_do_and_stops_without_yes_or_a_terminal()
    {
        LiveCommand.Terminal = () => null;
        var (code, output, error) = await CliRun.Run("live", "--mainnet", "--coin", "BTC", "--env", _env, "--set", "max_pos_usd=250");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("REAL MONEY").And.Contain("account 0x").And.Contain("coin BTC").And.Contain("max_pos_usd=250").And.Contain("drawdown_pct=2"));
            Assert.That(error, Does.Contain("--yes").And.Contain("Nothing was sent"));
            Assert.That(error, Does.Not.Contain(Key[2..]), "the key is never printed");
            Assert.That(output, Does.Not.Contain("evt="));
        });
    }

    [Test]
    public async Task A_latency_file_that_exists_is_refused_and_left_as_it_was()
    {
        var recording = Path.Combine(_dir, "latency.csv");
        File.WriteAllText(recording, "an earlier run's rows\n");
        var (code, output, error) = await CliRun.Run("live", "--testnet", "--coin", "BTC", "--env", _env, "--latency-file", recording);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--latency-file").And.Contain("the file exists"));
            Assert.That(File.ReadAllText(recording), Is.EqualTo("an earlier run's rows\n"), "nothing lost");
            Assert.That(output, Does.Not.Contain("evt="), "nothing started");
        });
    }

    [Test]
    public async Task Mainnet_answered_with_anything_but_yes_sends_nothing()
    {
        LiveCommand.Terminal = () => new StringReader("y\n");
        var (code, output, error) = await CliRun.Run("live", "--mainnet", "--coin", "BTC", "--env", _env);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Type yes to start").And.Contain("not confirmed"));
        Assert.That(output, Does.Not.Contain("evt="));
    }

    [Test]
    public async Task A_file_given_without_data_or_an_output_given_as_o_is_used_not_ignored()
    {
        var sol = SharedData.PathOf(Recordings.Derived("SOL"));
        var output = Path.Combine(_dir, "o");
        var (code, text, error) = await CliRun.Run("backtest", sol, "-o", output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(text, Does.Contain($"data: {sol} (SOL)"), "the file, and its only coin without --coin");
            Assert.That(text, Does.Not.Contain("built-in market"));
            Assert.That(File.Exists(Path.Combine(output, "report.html")), Is.True, "-o is the output directory");
        });
    }

    [Test]
    public async Task Sweep_takes_a_file_argument_too()
    {
        var sol = SharedData.PathOf(Recordings.Derived("SOL"));
        var (code, text, error) = await CliRun.Run("sweep", sol, "--grid", "tp_ticks=2,3", "--out", Path.Combine(_dir, "s"));
        Assert.That(code, Is.Zero, error);
        Assert.That(text, Does.Contain($"2 runs over {sol} (SOL)"));
    }

    [Test]
    public async Task No_data_for_the_coin_is_one_line_naming_the_coins_present_and_convert_writes_nothing()
    {
        var sol = SharedData.PathOf(Recordings.Derived("SOL"));
        var backtest = await CliRun.Run("backtest", "--data", sol, "--coin", "BTC", "--out", Path.Combine(_dir, "b"));
        var converted = Path.Combine(_dir, "c");
        var convert = await CliRun.Run("convert", sol, "--coin", "btc", "--out", converted);
        Assert.Multiple(() =>
        {
            Assert.That(backtest.Code, Is.EqualTo(1));
            Assert.That(backtest.Err.Trim().Split('\n').Last(), Does.Contain("no BTC data").And.Contain("SOL (8,212 events)"));
            Assert.That(convert.Code, Is.EqualTo(1));
            Assert.That(convert.Err, Does.Contain("no btc data").And.Contain("SOL"));
            Assert.That(Directory.Exists(converted), Is.False, "no empty tables written");
        });
    }

    [Test]
    public async Task Coins_match_in_any_case_in_backtest_sweep_and_convert()
    {
        var backtest = await CliRun.Run("backtest", "--coin", "btc", "--minutes", "5", "--out", Path.Combine(_dir, "b"));
        var sweep = await CliRun.Run("sweep", "--coin", "btc", "--minutes", "5", "--grid", "tp_ticks=2,3", "--out", Path.Combine(_dir, "s"));
        var sol = SharedData.PathOf(Recordings.Derived("SOL"));
        var convert = await CliRun.Run("convert", sol, "--coin", "sol", "--out", Path.Combine(_dir, "c"));
        Assert.Multiple(() =>
        {
            Assert.That(backtest.Code, Is.Zero, backtest.Err);
            Assert.That(backtest.Out, Does.Contain("BTC"));
            Assert.That(sweep.Code, Is.Zero, sweep.Err);
            Assert.That(convert.Code, Is.Zero, convert.Err);
            Assert.That(convert.Out, Does.Contain("trades.parquet (4,427 rows)"));
        });
    }
}
