using HlScalper.Testing;
using static HlScalper.Bench.Tests.BenchRun;

namespace HlScalper.Bench.Tests;

/// <summary><c>bench tickread</c>: the interleaved Parquet-against-LZ4 load ratio runs on the real recording, prints every round and its summary, and refuses bad input with a clear error.</summary>
public class TickReadCommandTests
{
    [Test]
    public void Two_rounds_on_the_real_recording_print_each_round_the_median_ratio_and_the_fastest_loads()
    {
        var recording = SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");
        var (code, stdout, stderr) = Run("tickread", "--input", recording, "--rounds", "2", "--loads", "1");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("10,460 events a load"));
        Assert.That(stdout, Does.Match(@"after a warm-up of \d+ loads a side \((until the JIT compiled nothing for a few of them|cut off with the JIT still compiling)\)"));
        Assert.That(stdout, Does.Match(@"round +1: Parquet +\d+\.\d\d ms, LZ4 JSON +\d+\.\d\d ms, +\d+\.\d\d×"));
        Assert.That(stdout, Does.Match(@"round +2: Parquet"));
        Assert.That(stdout, Does.Not.Match(@"round +3:"));
        Assert.That(stdout, Does.Match(@"median of the rounds' ratios \d+\.\d\d×.*, \d of 2 rounds at or above 5×"));
        Assert.That(stdout, Does.Match(@"fastest loads: Parquet \d+\.\d\d ms, LZ4 JSON \d+\.\d\d ms, \d+\.\d\d×"));
        if (!OperatingSystem.IsLinux()) return;
        Assert.That(stdout, Does.Match(@"round +1: .*×; page faults a load [\d,]+ and [\d,]+\n"));
        Assert.That(stdout, Does.Match(@"(no round's Parquet loads stayed|the [12] rounds? whose Parquet loads stayed) in memory the process had already touched \(under 100 page faults a load\)"));
    }

    [Test]
    public void A_file_that_is_not_a_recording_is_a_clear_error_and_leaves_no_converted_tables_behind()
    {
        var dir = Directory.CreateTempSubdirectory("tickread-");
        try
        {
            var path = Path.Combine(dir.FullName, "notes.lz4");
            File.WriteAllText(path, "garbage\n");
            var before = ConvertedDirectories();
            var (code, _, stderr) = Run("tickread", "--input", path);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.StartWith("bench tickread: ").And.Contain(path).And.Contain("unknown format"));
            Assert.That(ConvertedDirectories(), Is.EquivalentTo(before));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Test]
    public void A_missing_recording_is_named_in_the_error() =>
        Assert.That(Run("tickread", "--input", "/nonexistent/BTC.lz4"), Is.EqualTo((1, "", "bench tickread: /nonexistent/BTC.lz4: no such file or directory\n")));

    [TestCase("--rounds", "0", "--rounds must be at least 1")]
    [TestCase("--loads", "-3", "--loads must be at least 1")]
    public void A_bad_count_is_a_usage_error(string option, string value, string message)
    {
        var (code, stdout, stderr) = Run("tickread", option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain($"bench tickread: {message}").And.Contain("Run 'bench tickread --help' for usage."));
    }

    private static string[] ConvertedDirectories() =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "hlscalper-bench-ticks*")];
}
