using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using static HlScalper.Testing.NodeFiles;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The node readers on hand-written files: what they deliver, what they skip and count.</summary>
public class NodeReaderTests
{
    private const double Coin = 100_000_000;

    [Test]
    public void The_snapshot_reader_keeps_one_coins_orders_in_file_order_and_skips_the_others()
    {
        using var dir = new TempDirectory();
        HandBuiltCapture.Write(dir.Path);
        var snapshot = NodeSnapshotReader.Read(dir.File("snapshot_10.json.gz"), "BTC");
        Assert.That((snapshot.Height, snapshot.Coin, snapshot.OtherCoins, snapshot.BadOrders), Is.EqualTo((10L, "BTC", 1, 0L)));
        Assert.That(snapshot.Bids.Select(o => (o.Oid, o.Side, o.PxRaw / Coin, o.SzRaw / Coin, o.TimestampMs)),
            Is.EqualTo(new[] { (1L, Side.Buy, 100.0, 1.0, 1L), (2L, Side.Buy, 100.0, 2.0, 2L), (3L, Side.Buy, 99.0, 5.0, 3L) }));
        Assert.That(snapshot.Asks.Select(o => o.Oid), Is.EqualTo(new[] { 4L, 5L }));
        var eth = NodeSnapshotReader.Read(dir.File("snapshot_10.json.gz"), "ETH");
        Assert.That((eth.Bids.Single().Oid, eth.Asks.Count, eth.OtherCoins), Is.EqualTo((90L, 0, 1)));
    }

    [Test]
    public void A_coin_missing_from_the_snapshot_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        HandBuiltCapture.Write(dir.Path);
        var path = dir.File("snapshot_10.json.gz");
        var error = Assert.Throws<TickDataException>(() => NodeSnapshotReader.Read(path, "SOL"))!;
        Assert.That(error.Message, Does.StartWith(path).And.Contain("no SOL book"));
    }

    [Test]
    public void Snapshot_orders_with_a_missing_or_bad_field_or_on_the_wrong_side_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var good = SnapshotOrder(1, "B", "100.0", "1.0", 1);
        var bids = new[]
        {
            good,
            SnapshotOrder(2, "B", "1e5", "1.0", 2),                    // exponent: not a wire decimal
            SnapshotOrder(3, "A", "100.0", "1.0", 3),                  // an ask in the bid list
            """["0xuser",{"side":"B","limitPx":"100.0","sz":"1.0"}]""", // no oid, no timestamp
            """["0xuser",{"side":"B","limitPx":{"nested":[1,2]},"sz":"1.0","oid":5,"timestamp":5}]""",
            "42",
            SnapshotOrder(6, "B", "99.0", "0.5", 6),
        };
        var path = dir.File("snapshot.json");
        File.WriteAllText(path, Snapshot(7, ("BTC", bids, [])));
        var snapshot = NodeSnapshotReader.Read(path, "BTC");
        Assert.That(snapshot.Bids.Select(o => o.Oid), Is.EqualTo(new[] { 1L, 6L }));
        Assert.That(snapshot.BadOrders, Is.EqualTo(5));
    }

    [Test]
    public void The_archive_reader_delivers_every_event_of_the_coin_with_its_block_and_counts_the_rest()
    {
        using var dir = new TempDirectory();
        var archive = HandBuiltCapture.Write(dir.Path);
        var sink = new RecordingNodeSink();
        var log = new List<string>();
        var reports = NodeOutputReader.ReadArchive(archive, "BTC", sink, log.Add);

        Assert.That(reports.Select(r => (r.Kind, r.Streaming, r.Lines, r.Events, r.OtherCoinEvents, r.BadLines, r.BadEvents, r.FirstBlock, r.LastBlock)), Is.EqualTo(new[]
        {
            (NodeFileKind.Fills, false, 4L, 8L, 1L, 0L, 0L, 11L, 14L),
            (NodeFileKind.OrderStatuses, false, 4L, 7L, 1L, 0L, 1L, 11L, 14L),
            (NodeFileKind.RawBookDiffs, false, 4L, 7L, 1L, 0L, 0L, 11L, 14L),
        }));
        Assert.That(reports[0].Path, Is.EqualTo($"{archive}:{FillsEntry}"));
        Assert.That(log, Is.Empty);
        Assert.That(sink.Lines, Has.Count.EqualTo(12));
        Assert.That(sink.Diffs.Select(d => (d.Block.Number, d.Oid, d.Kind, d.SizeRaw / Coin, d.OrigSizeRaw / Coin)), Is.EqualTo(new[]
        {
            (11L, 10L, BookDiffKind.New, 1.0, 0.0), (11L, 11L, BookDiffKind.New, 1.0, 0.0), (12L, 2L, BookDiffKind.Remove, 0.0, 0.0),
            (13L, 1L, BookDiffKind.Remove, 0.0, 0.0), (13L, 10L, BookDiffKind.Update, 0.5, 1.0),
            (14L, 10L, BookDiffKind.Remove, 0.0, 0.0), (14L, 11L, BookDiffKind.Update, 0.5, 1.0),
        }));
        Assert.That(sink.Diffs[0].Block.TimeMs, Is.EqualTo(HandBuiltCapture.T0));
        Assert.That(sink.Fills.Select(f => (f.Tid, f.Oid, f.Crossed, f.Side)).Take(2), Is.EqualTo(new[] { (1L, 20L, true, Side.Sell), (1L, 1L, false, Side.Buy) }));
        Assert.That(sink.Statuses.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()), Is.EqualTo(new Dictionary<OrderStatus, int>
        {
            [OrderStatus.Open] = 2, [OrderStatus.BadAloPxRejected] = 1, [OrderStatus.Canceled] = 1, [OrderStatus.Filled] = 3,
        }));
    }

    [Test]
    public void Bad_lines_are_reported_with_file_and_line_and_skipped_without_costing_the_good_ones()
    {
        var good = HandBuiltCapture.DiffLines;
        var lines = new[]
        {
            good[0], "not json at all", good[1], "", "{\"block_number\":12,\"events\":[]}", good[2],
            "{\"block_number\":13,\"block_time\":\"2026-01-01T00:00:00.3\",\"events\":{}}", "[1,2,3]", new string('[', 5000), good[3],
        };
        var sink = new RecordingNodeSink();
        var log = new List<string>();
        var report = NodeOutputReader.ReadLines(Stream(lines), "diffs", NodeFileKind.RawBookDiffs, false, "BTC", sink, log.Add);
        Assert.That((report.Lines, report.BadLines, report.Events, report.BadEvents), Is.EqualTo((10L, 5L, 7L, 0L)));
        Assert.That(sink.Diffs, Has.Count.EqualTo(7));
        Assert.That(log, Has.Count.EqualTo(5));
        Assert.That(log[0], Does.StartWith("diffs:2: not valid JSON"));
        Assert.That(log[1], Does.StartWith("diffs:5: no block_time"));
        Assert.That(log[2], Does.StartWith("diffs:7: no events list"));
    }

    [Test]
    public void A_line_longer_than_the_limit_is_dropped_unbuffered_and_counted_and_reading_goes_on()
    {
        var good = HandBuiltCapture.DiffLines;
        var huge = Line(12, HandBuiltCapture.BlockTime(12), Enumerable.Repeat(New(77, "B", "100.0", "1.0"), 2000).ToArray());
        var sink = new RecordingNodeSink();
        var log = new List<string>();
        var report = NodeOutputReader.ReadLines(Stream([good[0], huge, good[2]]), "diffs", NodeFileKind.RawBookDiffs, false, "BTC", sink, log.Add, maxLineBytes: 4096);
        Assert.That((report.Lines, report.BadLines, report.Events), Is.EqualTo((3L, 1L, 4L)));
        Assert.That(log.Single(), Is.EqualTo("diffs:2: longer than 4096 bytes — skipped"));
    }

    [Test]
    public void Events_with_a_missing_field_or_a_bad_value_are_skipped_and_counted_inside_a_good_line()
    {
        var line = Line(11, HandBuiltCapture.BlockTime(11),
            New(1, "B", "100.0", "1.0"),
            New(2, "X", "100.0", "1.0"),
            New(3, "B", "-5.0", "1.0"),
            New(4, "B", "100.0", "0.0"),
            """{"oid":5,"coin":"BTC","side":"B","px":"100.0","raw_book_diff":{"replace":{"sz":"1.0"}}}""",
            """{"oid":6,"coin":{"name":"BTC"},"side":"B","px":"100.0","raw_book_diff":"remove"}""",
            "7",
            Remove(8, "A", "101.0"));
        var sink = new RecordingNodeSink();
        var report = NodeOutputReader.ReadLines(Stream([line]), "diffs", NodeFileKind.RawBookDiffs, false, "BTC", sink, _ => { });
        Assert.That(sink.Diffs.Select(d => d.Oid), Is.EqualTo(new[] { 1L, 8L }));
        Assert.That((report.Events, report.BadEvents, report.BadLines), Is.EqualTo((2L, 6L, 0L)));
    }

    [Test]
    public void Entry_names_say_which_node_output_a_file_is()
    {
        Assert.That(NodeOutputReader.TryClassify(DiffsEntry, out var kind, out var streaming) && kind == NodeFileKind.RawBookDiffs && !streaming, Is.True);
        Assert.That(NodeOutputReader.TryClassify("hl/data/node_fills_streaming/hourly/20260505/17", out kind, out streaming) && kind == NodeFileKind.Fills && streaming, Is.True);
        Assert.That(NodeOutputReader.TryClassify("hl/data/node_order_statuses_by_block/hourly/1/2", out kind, out _) && kind == NodeFileKind.OrderStatuses, Is.True);
        Assert.That(NodeOutputReader.TryClassify("hl/data/node_fills/hourly/1/2", out _, out _), Is.False, "the older per-fill format is not per block");
        Assert.That(NodeOutputReader.TryClassify("hl/data/replica_cmds_by_block/1", out _, out _), Is.False);
    }

    [Test]
    public void An_archive_entry_that_is_not_node_output_is_logged_and_skipped()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.tar.gz");
        WriteArchive(path, ("README.txt", ["hello"]), (DiffsEntry, HandBuiltCapture.DiffLines));
        var log = new List<string>();
        var reports = NodeOutputReader.ReadArchive(path, "BTC", new RecordingNodeSink(), log.Add);
        Assert.That(reports.Single().Kind, Is.EqualTo(NodeFileKind.RawBookDiffs));
        Assert.That(log.Single(), Is.EqualTo($"{path}:README.txt: not a node output file, skipped"));
    }

    private static MemoryStream Stream(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
}
