using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Replays a node capture through an exact FIFO book: the truth about every order that joins, and the L2 tape the queue models get instead.</summary>
/// <remarks>
/// Diffs apply in file order, which is the order the exchange executed them in a block. Fills are
/// credited to orders from the fills file (maker rows); a removal is a full fill when the order's fills
/// add up to the size it joined with, else a cancellation. Everything in a block happens at the block's time.
/// </remarks>
public static class L4Replay
{
    public static L4ReplayResult Run(NodeCapture capture, CancellationToken cancel = default)
    {
        var book = new L4Book();
        foreach (var order in capture.Snapshot.Bids.Concat(capture.Snapshot.Asks)) book.Add(order.Oid, order.Side, order.PxRaw, order.SzRaw);
        var builder = new TapeBuilder(new CoinTable(capture.Snapshot.Coin), initialCapacity: capture.Blocks.Count * 2 + 16);
        var sink = builder.Sink;
        if (capture.Blocks.Count > 0) WriteBook(book, capture.Blocks[0].TimeMs - 1, ref sink);

        var orders = new List<TrueOrder>();
        var byOid = new Dictionary<long, TrueOrder>();
        var resting = new Dictionary<long, TrueOrder>();
        var blocks = new List<ReplayedBlock>(capture.Blocks.Count);
        var counts = new Counts();
        var makerFills = new Dictionary<long, long>();
        var checkedAtHead = new HashSet<long>();
        var dirty = new HashSet<(Side, long)>();
        var leaving = new List<TrueOrder>();
        var steps = new List<CancelStep>();
        var lastTime = long.MinValue;
        foreach (var block in capture.Blocks)
        {
            cancel.ThrowIfCancellationRequested();
            // Blocks are in number order; a block stamped earlier than the one before keeps the tape in time order.
            if (block.TimeMs < lastTime) counts.TimeReversals++;
            var time = lastTime = Math.Max(block.TimeMs, lastTime);
            makerFills.Clear();
            checkedAtHead.Clear();
            dirty.Clear();
            leaving.Clear();
            foreach (var fill in block.Fills)
                if (!fill.Crossed) makerFills[fill.Oid] = makerFills.GetValueOrDefault(fill.Oid) + fill.SzRaw;
            counts.MakerFills += makerFills.Count;

            foreach (var diff in block.Diffs)
            {
                if (diff.Kind == BookDiffKind.New)
                {
                    var ahead = book.LevelSize(diff.Side, diff.PxRaw);
                    if (!book.Add(diff.Oid, diff.Side, diff.PxRaw, diff.SizeRaw))
                    {
                        counts.DuplicateJoins++;
                        continue;
                    }
                    var joined = new TrueOrder(orders.Count, diff.Oid, diff.Side, diff.PxRaw, diff.SizeRaw, block.Number, time, ahead);
                    orders.Add(joined);
                    byOid[diff.Oid] = joined;
                    resting[diff.Oid] = joined;
                    dirty.Add((diff.Side, diff.PxRaw));
                    continue;
                }
                if (!book.TryGet(diff.Oid, out var side, out var px, out var size))
                {
                    counts.UnknownOrders++;
                    continue;
                }
                if (side != diff.Side || px != diff.PxRaw) counts.MisplacedDiffs++;
                if (makerFills.ContainsKey(diff.Oid))
                {
                    if (checkedAtHead.Add(diff.Oid) && book.SizeAhead(diff.Oid) == 0) counts.MakerFillsAtHead++;
                }
                else if (size - diff.SizeRaw is var cancelled && cancelled > 0)
                    RecordCancel(book, diff.Oid, side, px, cancelled, block.Number, resting, steps);
                if (diff.Kind == BookDiffKind.Update) book.Resize(diff.Oid, diff.SizeRaw);
                else
                {
                    book.Remove(diff.Oid);
                    if (resting.Remove(diff.Oid, out var left)) leaving.Add(left);
                }
                dirty.Add((side, px));
            }

            foreach (var (oid, size) in makerFills)
            {
                if (!checkedAtHead.Contains(oid)) counts.FillsWithoutDiff++;
                if (byOid.TryGetValue(oid, out var filled)) filled.AddFill(time, size);
            }
            foreach (var left in leaving) left.Leave(block.Number, time);
            var trades = WriteTrades(block, time, ref sink, ref counts);
            foreach (var (side, px) in dirty)
                foreach (var (oid, ahead) in book.Queue(side, px))
                    if (resting.TryGetValue(oid, out var order)) order.Sample(block.Number, time, ahead);
            if (WriteBook(book, time, ref sink)) counts.CrossedBooks++;
            blocks.Add(new ReplayedBlock(block.Number, time, trades));
        }
        var checks = new ReplayChecks(counts.MakerFills, counts.MakerFillsAtHead, counts.FillsWithoutDiff, counts.UnknownOrders, counts.DuplicateJoins,
            counts.MisplacedDiffs, counts.TradesWithoutTaker, counts.CrossedBooks, counts.TimeReversals);
        return new L4ReplayResult(orders, builder.Build(), blocks, steps, checks, capture.Snapshot.Bids.Count + capture.Snapshot.Asks.Count);
    }

    /// <summary>Records, for every tracked order resting at the level, how a cancellation of <paramref name="cancelled"/> from order <paramref name="oid"/> moves it (before the book applies it).</summary>
    private static void RecordCancel(L4Book book, long oid, Side side, long px, long cancelled, long block, Dictionary<long, TrueOrder> resting, List<CancelStep> steps)
    {
        var level = book.LevelSize(side, px);
        var atTouch = book.TryGetBest(side, out var best) && best == px;
        var cancelledAhead = book.SizeAhead(oid);
        foreach (var (other, front) in book.Queue(side, px))
        {
            if (other == oid || !resting.TryGetValue(other, out var order) || !book.TryGet(other, out _, out _, out var own)) continue;
            var after = cancelledAhead < front ? front - cancelled : front;
            steps.Add(new CancelStep(order.Index, block, front, level - own, level - own - cancelled, after, atTouch));
        }
    }

    /// <summary>One trade per tid, in the block's fill order: price and size of the match, the taker's side as the aggressor.</summary>
    private static int WriteTrades(CaptureBlock block, long timeMs, ref TapeSink sink, ref Counts counts)
    {
        var takers = new Dictionary<long, NodeFill>();
        foreach (var fill in block.Fills)
            if (fill.Crossed) takers.TryAdd(fill.Tid, fill);
        var seen = new HashSet<long>();
        foreach (var fill in block.Fills)
        {
            if (!seen.Add(fill.Tid)) continue;
            var hasTaker = takers.TryGetValue(fill.Tid, out var taker);
            if (!hasTaker) counts.TradesWithoutTaker++;
            ref var e = ref sink.Claim();
            e.Reset(EventKind.Trade, 0, timeMs);
            e.Px = new(fill.PxRaw);
            e.Sz = new(fill.SzRaw);
            e.Tid = fill.Tid;
            e.Side = hasTaker ? taker.Side : Opposite(fill.Side);
            sink.Publish();
        }
        return seen.Count;
    }

    /// <summary>Writes the book's top levels as a book event; true when it is crossed.</summary>
    private static bool WriteBook(L4Book book, long timeMs, ref TapeSink sink)
    {
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Book, 0, timeMs);
        book.WriteTop(ref e);
        var crossed = e.BidCount > 0 && e.AskCount > 0 && e.Bids[0].Px >= e.Asks[0].Px;
        sink.Publish();
        return crossed;
    }

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    private struct Counts
    {
        public long MakerFills;
        public long MakerFillsAtHead;
        public long FillsWithoutDiff;
        public long UnknownOrders;
        public long DuplicateJoins;
        public long MisplacedDiffs;
        public long TradesWithoutTaker;
        public long CrossedBooks;
        public long TimeReversals;
    }
}
