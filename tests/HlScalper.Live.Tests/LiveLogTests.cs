using System.Text.RegularExpressions;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Tests;

/// <summary>The structured log lines (logfmt), the order logger's counting of what the exchange answered (each answer once), and the summary line.</summary>
public class LiveLogTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);
    private static readonly Cloid Cloid1 = Cloid.FromPrefix(0xABCD, 1);

    [Test]
    public void The_gc_tally_of_a_run_is_the_difference_of_its_ends()
    {
        var start = new GcTally(3, 1, 0, TimeSpan.FromMilliseconds(4));
        var end = new GcTally(5, 2, 1, TimeSpan.FromMilliseconds(6.25));
        Assert.That((end - start).ToString(), Is.EqualTo("gc=2/1/1 gc_pause_ms=2.25"));
    }

    [Test]
    public void An_order_line_carries_every_wire_field_in_logfmt()
    {
        var sent = new SubmittedIntent
        {
            Intent = new OrderIntent { Kind = IntentKind.Place, Side = Side.Sell, Tif = Tif.Alo, ReduceOnly = true, Reason = IntentReason.TakeProfit, Px = Px.Parse("90002.5"), Sz = Sz.Parse("0.00055"), Cloid = Cloid1 },
            SentUtcMs = Now.ToUnixTimeMilliseconds(),
        };
        Assert.That(LogFmt.Intent(in sent, "BTC", dryRun: false), Is.EqualTo(
            "ts=2025-11-24T16:00:00.123Z evt=order coin=BTC side=A px=90002.5 sz=0.00055 tif=alo ro=1 reason=TakeProfit cloid=0x000000000000abcd0000000000000001"));
        Assert.That(LogFmt.Intent(in sent, "BTC", dryRun: true), Does.EndWith(" dry_run=1"));
    }

    [Test]
    public void Cancel_lines_name_what_they_cancel_and_values_with_spaces_are_quoted()
    {
        var cancel = new SubmittedIntent { Intent = new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = Cloid1, Reason = IntentReason.EntryStale }, SentUtcMs = Now.ToUnixTimeMilliseconds() };
        var all = new SubmittedIntent { Intent = new OrderIntent { Kind = IntentKind.CancelAll, Reason = IntentReason.Shutdown }, SentUtcMs = Now.ToUnixTimeMilliseconds() };
        Assert.Multiple(() =>
        {
            Assert.That(LogFmt.Intent(in cancel, "BTC", false), Is.EqualTo("ts=2025-11-24T16:00:00.123Z evt=cancel_req coin=BTC cloid=0x000000000000abcd0000000000000001 reason=EntryStale"));
            Assert.That(LogFmt.Intent(in all, "BTC", false), Is.EqualTo("ts=2025-11-24T16:00:00.123Z evt=cancel_all coin=BTC reason=Shutdown"));
            Assert.That(LogFmt.Line(Now, "warning", ("msg", "feed: \"x\" = y")), Is.EqualTo("ts=2025-11-24T16:00:00.123Z evt=warning msg=\"feed: \\\"x\\\" = y\""));
        });
    }

    [Test]
    public void Each_order_logs_one_ack_one_cancel_and_each_fill_once_and_the_counters_follow()
    {
        var output = new StringWriter();
        var sent = new IntentQueue();
        var clock = new ManualClock(Now.ToUnixTimeMilliseconds());
        using var log = new LiveLog(output);
        var logger = new OrderLogger(log, "BTC", 0, dryRun: false, sent, clock);
        sent.Enqueue(new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Px = Px.Parse("90000"), Sz = Sz.Parse("0.001"), Cloid = Cloid1 }, Now.ToUnixTimeMilliseconds());

        var ack = Update(OrderStatus.Open);
        logger.OnEvent(ref ack);
        var ackAgain = Update(OrderStatus.Open);
        logger.OnEvent(ref ackAgain);
        var fill = Fill(tid: 5);
        logger.OnEvent(ref fill);
        var fillAgain = Fill(tid: 5);
        logger.OnEvent(ref fillAgain);
        var snapshotFill = Fill(tid: 6);
        snapshotFill.Flags |= EventFlags.Snapshot;
        logger.OnEvent(ref snapshotFill);
        var cancel = Update(OrderStatus.Canceled);
        logger.OnEvent(ref cancel);
        var reject = Update(OrderStatus.BadAloPxRejected);
        reject.Cloid = Cloid.FromPrefix(0xABCD, 2);
        logger.OnEvent(ref reject);

        Assert.That(log.Flush(TimeSpan.FromSeconds(10)), Is.True, "the log's writer thread wrote every queued line");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => Regex.Match(l, @"evt=(\w+)").Groups[1].Value), Is.EqualTo(new[] { "order", "ack", "fill", "cancel", "reject" }));
            Assert.That(lines[2], Does.Contain("side=B px=90000 sz=0.001 fee=0.0135 closed_pnl=-1.5 crossed=0 oid=42"));
            Assert.That(lines[4], Does.Contain("status=BadAloPxRejected"));
            var c = logger.Counters;
            Assert.That((c.Orders, c.Acks, c.Fills, c.Cancels, c.Rejects), Is.EqualTo((1, 1, 1, 1, 1)));
            Assert.That(c.Pnl, Is.EqualTo(-1.5135m));
        });
    }

    [Test]
    public void The_summary_line_is_the_contracts_and_parses_as_numbers()
    {
        var counters = new LiveCounters { Orders = 12, Acks = 11, Fills = 4, Cancels = 7, Rejects = 1, ClosedPnlRaw = Fixed8.FromDecimal(0.5m), FeesRaw = Fixed8.FromDecimal(0.02m) };
        var histogram = new LatencyHistogram("t2t");
        histogram.Record(0, System.Diagnostics.Stopwatch.Frequency / 100_000);
        var lines = LiveSummary.Lines(counters, histogram, 10_000m, 10_000.48m, "stats");
        var match = Regex.Match(lines[0], @"^summary: orders=(\d+) acks=(\d+) fills=(\d+) cancels=(\d+) rejects=(\d+) pnl=(-?[\d.]+) ticktotrade_p50_us=([\d.]+) ticktotrade_p99_us=([\d.]+)$");
        Assert.Multiple(() =>
        {
            Assert.That(match.Success, Is.True, lines[0]);
            Assert.That(match.Groups[1].Value + " " + match.Groups[5].Value + " " + match.Groups[6].Value, Is.EqualTo("12 1 0.48"));
            Assert.That(double.Parse(match.Groups[7].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(10).Within(0.1), "10 µs recorded");
            Assert.That(lines[1], Does.Contain("value_start=10000 value_end=10000.48 change=0.48"));
        });
        var empty = LiveSummary.Lines(new LiveCounters(), new LatencyHistogram("none"), null, null, "");
        Assert.That(empty[0], Does.EndWith("pnl=0 ticktotrade_p50_us=0.0 ticktotrade_p99_us=0.0"));
    }

    private static MarketEvent Update(OrderStatus status)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.OrderUpdate, 0, Now.ToUnixTimeMilliseconds());
        e.Cloid = Cloid1;
        e.Flags = EventFlags.HasCloid;
        e.Oid = 42;
        e.Status = status;
        return e;
    }

    private static MarketEvent Fill(long tid)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Fill, 0, Now.ToUnixTimeMilliseconds());
        e.Cloid = Cloid1;
        e.Flags = EventFlags.HasCloid;
        e.Oid = 42;
        e.Tid = tid;
        e.Side = Side.Buy;
        e.Px = Px.Parse("90000");
        e.Sz = Sz.Parse("0.001");
        e.Fee = Fixed8.FromDecimal(0.0135m);
        e.ClosedPnl = Fixed8.FromDecimal(-1.5m);
        return e;
    }
}
