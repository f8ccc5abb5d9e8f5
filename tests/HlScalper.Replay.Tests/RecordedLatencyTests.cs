using System.Text;
using CsCheck;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Tests;

/// <summary>Latencies recorded live as the simulated exchange's latency model: read safely, drawn only from the file, seeded.</summary>
public class RecordedLatencyTests
{
    private const string Header = "cloid,oid,send_us,exchange_ms,ack_us,entry_ms,response_ms,answers";

    private static RecordedLatencies Read(string text) => RecordedLatencies.Read(new StringReader(text), "test.csv");

    [Test]
    public void Each_row_splits_into_entry_and_response_and_bad_rows_are_counted_not_fatal()
    {
        var file = new StringBuilder(Header + "\n")
            .Append("0x1,11,1700000000000000,1700000000012,1700000000019400,12,7.4,2\n")    // 12 ms in, 7.4 → 7 ms back
            .Append("0x2,12,1700000001000000,1700000001000,1700000001000600,0,0.6,1\n")     // 0 in, 0.6 → 1 back
            .Append("0x3,13,1700000002003000,1700000002001,1700000002005000,-2,4,2\n")      // the exchange's clock 2 ms behind: clamped to 0
            .Append("0x4,14,not-a-time,1700000003000,1700000003000000,0,0,1\n")
            .Append("0x5,15,1700000004000000\n")
            .Append("0x6,16,1,1700000005000,1700000005000000,0,0,1," + new string('x', 10_000) + "\n")
            .Append("0x7,17,1700000006000000,1700000006250,1700000006300000,250,50,2")       // no final newline
            .ToString();
        var recorded = Read(file);
        Assert.Multiple(() =>
        {
            Assert.That(recorded.EntryMs, Is.EqualTo(new long[] { 12, 0, 0, 250 }));
            Assert.That(recorded.ResponseMs, Is.EqualTo(new long[] { 7, 1, 4, 50 }));
            Assert.That(recorded.Clamped, Is.EqualTo(1));
            Assert.That(recorded.BadLines, Is.EqualTo(3));
            Assert.That(recorded.FirstBadLine, Is.EqualTo(5));
            Assert.That(recorded.Describe(), Does.Contain("4 orders: entry p50 12 ms [0, 250], response p50 7 ms [1, 50]"));
        });
    }

    [Test]
    public void A_file_without_the_header_or_any_usable_row_is_a_data_error()
    {
        Assert.That(() => Read("time,px\n1,2\n"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no latency header"));
        Assert.That(() => Read(""), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("empty"));
        Assert.That(() => Read(Header + "\nx,y\n"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no usable latency row (1 bad line(s), the first at line 2)"));
    }

    [Test]
    public void Hostile_rows_never_throw_anything_but_a_data_error_and_every_kept_latency_is_within_bounds()
    {
        var cell = Gen.OneOf(Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.String[Gen.Char["0123456789-,.e \r"], 0, 30]);
        var row = Gen.Select(cell, cell, cell, cell).Select((a, b, c, d) => $"0x1,{a},{b},{c},{d},0,0,1");
        Gen.OneOf(row, Gen.String).List[0, 30].Sample(rows =>
        {
            try
            {
                var recorded = Read(Header + "\n" + string.Join('\n', rows));
                Assert.That(recorded.EntryMs.Concat(recorded.ResponseMs), Is.All.InRange(0, RecordedLatencies.MaxMs));
                Assert.That(recorded.EntryMs.Length + recorded.BadLines, Is.LessThanOrEqualTo(rows.Count));
            }
            catch (InvalidDataException)
            {
                // No usable row: named as such.
            }
        });
    }

    [Test]
    public void A_recorded_model_draws_only_recorded_values_and_the_seed_fixes_the_sequence()
    {
        Gen.Select(Gen.Long[0, 5_000].Array[1, 20], Gen.ULong).Sample((samples, seed) =>
        {
            var a = new LatencyModel(samples, seed);
            var b = new LatencyModel(samples, seed);
            var draws = Enumerable.Range(0, 200).Select(_ => a.Next()).ToList();
            Assert.That(draws, Is.All.AnyOf(samples.Cast<object>().ToArray()));
            Assert.That(Enumerable.Range(0, 200).Select(_ => b.Next()), Is.EqualTo(draws));
            Assert.That(a.MinimumMs, Is.EqualTo(samples.Min()));
        });
        var spread = new LatencyModel([1, 2, 3, 4, 5, 6, 7, 8], 9);
        Assert.That(Enumerable.Range(0, 400).Select(_ => spread.Next()).Distinct().Count(), Is.EqualTo(8), "every recorded value comes up");
    }

    [Test]
    public void A_back_test_with_recorded_latencies_runs_on_them()
    {
        var tape = ReplayHarness.SyntheticTape(900_000, seed: 4);
        var options = new BacktestOptions { Asset = AssetMeta.BtcPerp, Settings = ["prior_n=100000"] };
        var rows = string.Concat(Enumerable.Range(0, 50).Select(i => $"0x{i},{i},{1_700_000_000_000_000L + i * 1_000_000L},{1_700_000_000_040L + i * 1000L},{1_700_000_000_065_000L + i * 1_000_000L},40,25,2\n"));
        var recorded = Read(Header + "\n" + rows);
        Assert.That((recorded.EntryMs.Distinct().Single(), recorded.ResponseMs.Distinct().Single()), Is.EqualTo((40L, 25L)));

        var fromFile = Backtest.Run(tape, options with { Exchange = new SimExchangeConfig { Recorded = recorded } });
        var constant = Backtest.Run(tape, options with { Exchange = new SimExchangeConfig { LatencyMs = 40, LatencyJitterMs = 0, ResponseMs = 25 } });
        var defaults = Backtest.Run(tape, options);
        Assert.That(fromFile.Summary.Trades, Is.GreaterThan(0));
        Assert.That(fromFile.Summary, Is.EqualTo(constant.Summary), "a file of 40 ms in and 25 ms back is the constant 40 + 25 ms model");
        Assert.That(fromFile.Summary, Is.Not.EqualTo(defaults.Summary), "and not the default 50 + U[0,20] ms one");

        var mixed = Read(Header + "\n" + rows + "0xff,99,1700000100000000,1700000100300,1700000100310000,300,10,2\n");
        var once = Backtest.Run(tape, options with { Exchange = new SimExchangeConfig { Recorded = mixed } });
        var twice = Backtest.Run(tape, options with { Exchange = new SimExchangeConfig { Recorded = mixed } });
        Assert.That(twice.Summary.ToTable(), Is.EqualTo(once.Summary.ToTable()), "seeded: the same file gives the same summary");
    }
}
