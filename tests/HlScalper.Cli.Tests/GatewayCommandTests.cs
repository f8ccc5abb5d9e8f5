using System.Text;
using System.Text.Json;
using HlScalper.Cli;
using HlScalper.Gateway.WebSockets;
using Parquet;

namespace HlScalper.Cli.Tests;

/// <summary>The feed, record and candles verbs end to end against real Kestrel servers.</summary>
[CancelAfter(60_000)]
public class GatewayCommandTests
{
    private static Task<(int Code, string Out, string Err)> Cli(params string[] args) => CliRun.Run(args);

    [Test]
    public async Task Record_writes_the_stream_in_the_archive_format_that_reads_back_message_for_message()
    {
        var messages = Recordings.ArchiveMessages(Recordings.Derived("BTC")).Take(400).ToList();
        await using var server = await PlaybackExchange.Start(messages);
        var file = Path.Combine(Path.GetTempPath(), $"hlscalper-record-{Guid.NewGuid():N}.lz4");
        try
        {
            var (code, output, error) = await Cli("record", "--url", server.Uri.ToString(), "--coin", "BTC", "--channels", "l2Book,trades", "--seconds", "4", "--out", file);
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("record: 400 messages written"));
            var recorded = Recordings.ReadArchiveFile(file);
            Assert.That(recorded.Select(r => r.Raw), Is.EqualTo(messages), "raw messages verbatim, in order");
            Assert.That(recorded.All(r => r.Time.Length == 29 && DateTime.TryParse(r.Time, out _)), Is.True, "archive time: ISO with 9 fractional digits, no zone");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Feed_prints_a_top_of_book_line_per_update_and_the_counters()
    {
        var messages = Recordings.HftBacktestMessages();
        await using var server = await PlaybackExchange.Start(messages);
        var (code, output, error) = await Cli("feed", "--url", server.Uri.ToString(), "--coin", "BTC", "--channels", "l2Book,trades", "--seconds", "3");
        Assert.That(code, Is.Zero, error);
        var lines = output.Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("book ", StringComparison.Ordinal)), Is.EqualTo(46));
        Assert.That(lines.Count(l => l.StartsWith("trade ", StringComparison.Ordinal)), Is.EqualTo(64));
        Assert.That(lines.First(l => l.StartsWith("book ", StringComparison.Ordinal)), Does.Match(@"^book  \d\d:\d\d:\d\d\.\d{3}  BTC  [\d.]+ @ [\d.]+  \|  [\d.]+ x [\d.]+  spread [\d.]+ bps"));
        Assert.That(output, Does.Contain("feed: connects=1").And.Contain("codec: messages=").And.Contain("malformed=0"));
    }

    [Test]
    public async Task Feed_survives_a_book_stamped_9999999999999999_and_counts_it_malformed()
    {
        var good = Recordings.HftBacktestMessages()[0];
        var hostile = Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(good), "\"time\":\\d+", "\"time\":9999999999999999"));
        await using var server = await PlaybackExchange.Start([hostile, good]);
        var (code, output, error) = await Cli("feed", "--url", server.Uri.ToString(), "--coin", "BTC", "--channels", "l2Book", "--seconds", "2");
        Assert.That(code, Is.Zero, error);
        Assert.That(output.Split('\n').Count(l => l.StartsWith("book ", StringComparison.Ordinal)), Is.EqualTo(1), "the good book after it");
        Assert.That(output, Does.Contain("malformed=1").And.Contain("rejected.TimeOutOfRange=1"));
        Assert.That(error, Does.Contain("rejected (TimeOutOfRange)"));
    }

    [Test]
    public void The_feed_printer_prints_a_time_no_calendar_holds_as_its_number()
    {
        var output = new StringWriter();
        var printer = new HlScalper.Cli.Commands.FeedCommand.EventPrinter(new HlScalper.Engine.Events.CoinTable("BTC"), output);
        printer.Slot.Reset(HlScalper.Engine.Events.EventKind.Trade, 0, 9_999_999_999_999_999);
        printer.Print();
        Assert.That(output.ToString(), Does.StartWith("trade  9999999999999999 ms (no date)  BTC"));
    }

    [Test]
    public async Task Feed_against_a_server_that_floods_pings_and_never_reads_stops_when_asked_and_says_why_it_dropped()
    {
        await using var server = PingFloodServer.Start();
        using var stop = new CancellationTokenSource();
        var (run, _) = CliRun.Start(stop.Token, "feed", "--url", server.Uri.ToString(), "--coin", "BTC");
        await Eventually.Until(() => server.Connections >= 2, "the feed dropped the stuck connection and came back", 45_000);
        await stop.CancelAsync();
        var (code, _, error) = await run;
        Assert.That(code, Is.EqualTo(130), "stopped by the signal, not finished");
        // Which deadline frees the client first depends on the machine's load: the stuck send (5 s) or the unanswered application ping (10 s).
        Assert.That(error, Does.Match("connection ended: ConnectionLost: (.*the server is not reading|no pong within)"));
    }

    [Test]
    public async Task Feed_for_some_seconds_against_a_server_that_floods_pings_ends_by_itself_with_1_saying_no_market_data_arrived()
    {
        await using var server = PingFloodServer.Start();
        var (code, output, error) = await Cli("feed", "--url", server.Uri.ToString(), "--coin", "BTC", "--seconds", "12");
        Assert.That(code, Is.EqualTo(1), error);
        // Whether the stuck connection was dropped within the run depends on the kernel's buffers; the test above waits for that.
        Assert.That(error, Does.Contain($"hlscalper feed: no market data from {server.Uri}"));
        Assert.That(output, Does.Contain("feed: connects="));
    }

    [Test]
    public async Task Candles_land_in_Parquet_with_exact_values()
    {
        await using var server = await TestInfoServer.StartAsync((_, _) => (200, """
            [{"t":1681923600000,"T":1681924499999,"s":"BTC","i":"15m","o":"29295.0","c":"29258.0","h":"29309.0","l":"29250.0","v":"0.98639","n":189},
             {"t":1681924500000,"T":1681925399999,"s":"BTC","i":"15m","o":"29258.0","c":"29270.5","h":"29280.0","l":"29240.0","v":"1.5","n":77}]
            """));
        var file = Path.Combine(Path.GetTempPath(), $"hlscalper-candles-{Guid.NewGuid():N}.parquet");
        try
        {
            var (code, output, error) = await Cli("candles", "--url", server.BaseUri.ToString(), "--coin", "BTC", "--interval", "15m", "--start", "2023-04-19T17:00:00Z", "--end", "1681925399999", "--out", file);
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("2 15m candles of BTC"));
            Assert.That(server.Requests.Single(), Is.EqualTo("""{"type":"candleSnapshot","req":{"coin":"BTC","interval":"15m","startTime":1681923600000,"endTime":1681925399999}}"""));
            await using var reader = await ParquetReader.CreateAsync(file);
            using var group = reader.OpenRowGroupReader(0);
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
            var open = new long[2];
            var close = new double[2];
            var trades = new long[2];
            await group.ReadAsync<long>(fields["open_time_ms"], open);
            await group.ReadAsync<double>(fields["close"], close);
            await group.ReadAsync<long>(fields["trades"], trades);
            Assert.That(open, Is.EqualTo(new[] { 1681923600000L, 1681924500000L }));
            Assert.That(close, Is.EqualTo(new[] { 29258.0, 29270.5 }));
            Assert.That(trades, Is.EqualTo(new[] { 189L, 77L }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("feed", "--channels", "l2Book,candles")]
    [TestCase("feed", "--url", "http://example.com")]
    [TestCase("feed", "--frobnicate", "1")]
    [TestCase("record", "--coin", "BTC")]
    [TestCase("candles", "--out", "x.parquet", "--interval", "7m")]
    [TestCase("candles", "--out", "x.parquet", "--start", "yesterday-ish")]
    public async Task Bad_options_are_usage_errors(params string[] args)
    {
        var (code, _, error) = await Cli(args);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"hlscalper {args[0]}:"));
    }

    [TestCase("feed")]
    [TestCase("record")]
    [TestCase("candles")]
    public async Task Help_describes_every_option(string verb)
    {
        var (code, output, _) = await Cli(verb, "--help");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain($" {verb} [options]").And.Contain("--coin"));
    }
}
