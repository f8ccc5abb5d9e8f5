using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.QueueStudy;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The node readers and the FIFO replay on the real L4 capture in ../shared; counts are the data README's (checked there with tar, zcat and Python).</summary>
public class NodeCaptureRealDataTests
{
    public const string Directory = "data/hyperliquid/node_l4_btc_20260505";
    private const long Coin = 100_000_000;

    private static string PathOf(string file) => SharedData.PathOf($"{Directory}/{file}");

    private static (IReadOnlyList<NodeFileReport> Reports, RecordingNodeSink Sink) Read(string archive)
    {
        var sink = new RecordingNodeSink();
        var log = new List<string>();
        var reports = NodeOutputReader.ReadArchive(PathOf(archive), "BTC", sink, log.Add);
        Assert.That(log, Is.Empty);
        return (reports, sink);
    }

    [Test]
    public void The_snapshot_holds_34593_bids_on_14440_levels_and_16758_asks_on_6941_in_time_priority()
    {
        var snapshot = NodeSnapshotReader.Read(PathOf("snapshot_985148181.json.gz"), "BTC");
        Assert.That((snapshot.Height, snapshot.Bids.Count, snapshot.Asks.Count, snapshot.BadOrders, snapshot.OtherCoins), Is.EqualTo((985148181L, 34593, 16758, 0L, 0)));
        Assert.That(snapshot.Bids.Select(o => o.PxRaw).Distinct().Count(), Is.EqualTo(14440));
        Assert.That(snapshot.Asks.Select(o => o.PxRaw).Distinct().Count(), Is.EqualTo(6941));
        Assert.That((snapshot.Bids[0].PxRaw, snapshot.Asks[0].PxRaw), Is.EqualTo((81307 * Coin, 81308 * Coin)));
        Assert.That((snapshot.Bids[^1].PxRaw, snapshot.Asks[^1].PxRaw), Is.EqualTo((6 * Coin / 10, 1111117 * Coin)));
        Assert.That(snapshot.Bids.All(o => o.Side == Side.Buy) && snapshot.Asks.All(o => o.Side == Side.Sell), Is.True);
        foreach (var side in new[] { snapshot.Bids, snapshot.Asks })
            for (var i = 1; i < side.Count; i++)
                if (side[i].PxRaw == side[i - 1].PxRaw) Assert.That(side[i].TimestampMs, Is.GreaterThanOrEqualTo(side[i - 1].TimestampMs));
    }

    [Test]
    public void The_by_block_archive_holds_51_blocks_of_41592_statuses_1332_diffs_and_22_fill_rows()
    {
        var (reports, sink) = Read("by_block_btc_985148182_985148232.tar.gz");
        Assert.That(reports.Select(r => (r.Kind, r.Streaming, r.Lines, r.Events, r.BadLines, r.BadEvents, r.OtherCoinEvents, r.FirstBlock, r.LastBlock)), Is.EquivalentTo(new[]
        {
            (NodeFileKind.Fills, false, 51L, 22L, 0L, 0L, 0L, 985148182L, 985148232L),
            (NodeFileKind.OrderStatuses, false, 51L, 41592L, 0L, 0L, 0L, 985148182L, 985148232L),
            (NodeFileKind.RawBookDiffs, false, 51L, 1332L, 0L, 0L, 0L, 985148182L, 985148232L),
        }));
        var statuses = sink.Statuses.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.That((statuses[OrderStatus.Canceled], statuses[OrderStatus.Open], statuses[OrderStatus.PerpMarginRejected], statuses[OrderStatus.IocCancelRejected], statuses[OrderStatus.Filled]),
            Is.EqualTo((667, 662, 455, 163, 9)));
        Assert.That(statuses[OrderStatus.BadAloPxRejected] / 41592.0, Is.GreaterThan(0.95));
        Assert.That(statuses.ContainsKey(OrderStatus.Unknown), Is.False, "every status name is one the codec knows");
        Assert.That(sink.Diffs.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<BookDiffKind, int> { [BookDiffKind.New] = 653, [BookDiffKind.Remove] = 668, [BookDiffKind.Update] = 11 }));
        Assert.That(sink.Fills.Select(f => f.Tid).Distinct().Count(), Is.EqualTo(11));
        Assert.That(sink.Fills.All(f => f.TimeMs == f.Block.TimeMs), Is.True, "a fill's time is its block's");
    }

    [Test]
    public void The_streaming_archive_holds_the_same_events_one_a_line_in_the_same_order()
    {
        var (byBlock, blockSink) = Read("by_block_btc_985148182_985148232.tar.gz");
        var (streaming, streamSink) = Read("streaming_btc_985148182_985148232.tar.gz");
        Assert.That(streaming.Select(r => (r.Kind, r.Streaming, r.Lines)), Is.EquivalentTo(new[]
        {
            (NodeFileKind.Fills, true, 22L), (NodeFileKind.OrderStatuses, true, 41592L), (NodeFileKind.RawBookDiffs, true, 1332L),
        }));
        Assert.That(streaming.Sum(r => r.Events), Is.EqualTo(byBlock.Sum(r => r.Events)));
        // The two nodes wrote at different local times; the block and everything in it must agree.
        Assert.That(streamSink.Diffs.Select(d => d with { Block = d.Block with { LocalTimeNs = 0 } }),
            Is.EqualTo(blockSink.Diffs.Select(d => d with { Block = d.Block with { LocalTimeNs = 0 } })));
        Assert.That(streamSink.Fills.Select(f => f with { Block = f.Block with { LocalTimeNs = 0 } }),
            Is.EqualTo(blockSink.Fills.Select(f => f with { Block = f.Block with { LocalTimeNs = 0 } })));
        Assert.That(streamSink.Statuses.Select(s => (s.Block.Number, s.Oid, s.Status)), Is.EqualTo(blockSink.Statuses.Select(s => (s.Block.Number, s.Oid, s.Status))));
        Assert.That(streamSink.Lines[0].Block.LocalTimeNs - blockSink.Lines.First(l => l.Kind == streamSink.Lines[0].Kind).Block.LocalTimeNs,
            Is.InRange(2_000_000_000L, 3_000_000_000L), "the README: the streaming node wrote about 2.6 s later");
    }

    [Test]
    public void Replaying_the_capture_finds_every_maker_fill_at_the_head_of_its_queue_and_never_a_crossed_book()
    {
        var capture = NodeCaptureLoader.Load(SharedData.PathOf(Directory), "BTC", NodeSource.ByBlock, _ => { });
        Assert.That((capture.Blocks.Count, capture.EarlierBlocks, capture.MissingBlocks, capture.TimeConflicts), Is.EqualTo((51, 0L, 0L, 0L)));
        var truth = L4Replay.Run(capture);
        Assert.That(truth.Checks, Is.EqualTo(new ReplayChecks(11, 11, 0, 0, 0, 0, 0, 0, 0)));
        Assert.That(truth.Orders, Has.Count.EqualTo(653), "one per 'new' diff");
        Assert.That(truth.Blocks.Sum(b => b.Trades), Is.EqualTo(11));
        var books = truth.Tape.Span.ToArray().Where(e => e.Kind == EventKind.Book).ToArray();
        Assert.That(books, Has.Length.EqualTo(52));
        Assert.That((books[0].Bids[0].Px.Raw, books[0].Asks[0].Px.Raw), Is.EqualTo((81307 * Coin, 81308 * Coin)));
        Assert.That(books.All(b => b.BidCount == 20 && b.AskCount == 20 && b.Bids[0].Px < b.Asks[0].Px), Is.True);
        // Nothing joins ahead of an order in a FIFO queue: what is ahead of it only shrinks from the moment it joins.
        foreach (var order in truth.Orders.Where(o => o.Path.Count > 0))
        {
            Assert.That(order.Path[0].AheadRaw, Is.LessThanOrEqualTo(order.AheadAtJoinRaw), $"order {order.Oid}");
            Assert.That(order.Path.Zip(order.Path.Skip(1)).All(p => p.Second.AheadRaw < p.First.AheadRaw), Is.True, $"order {order.Oid}");
        }
    }
}
