using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Runs one queue model of <see cref="SimExchange"/> over the L2 tape, with a hypothetical twin of every real order placed at its time, price and size.</summary>
/// <remarks>
/// The order of things follows the back-test's <c>ReplayDriver</c>: at a block's time, the twins of the orders
/// that joined in it arrive first (no latency), seeing the book as it stood after the previous block; then
/// the block's trades, then its book. A twin is cancelled at the start of the block in which its real order
/// was cancelled; when the real order filled in full its twin stays to the end of the capture, so a late
/// predicted fill is measured rather than cut off. The twins are independent: the simulated exchange never
/// lets one order's fill take volume from another.
/// </remarks>
public static class ModelRunner
{
    public static ModelRun Run(QueueModel model, L4ReplayResult truth, CancellationToken cancel = default)
    {
        var orders = truth.Orders;
        var blocks = truth.Blocks;
        var exchange = new SimExchange(model.Configure(orders.Count), 1);
        var answers = new ModelAnswers(orders.Count);
        var sink = answers.AsSink();
        var (joins, cancels) = Schedule(truth);
        var simOids = new long[orders.Count + 1];
        var queues = new double[orders.Count + 1];
        var errors = new List<QueueError>();
        var tape = truth.Tape.Events;
        var next = 0;
        if (truth.Tape.Count > 0) exchange.OnMarket(in tape[next++], ref sink);

        for (var b = 0; b < blocks.Count; b++)
        {
            cancel.ThrowIfCancellationRequested();
            var time = blocks[b].TimeMs;
            foreach (var i in joins[b])
            {
                var real = orders[i];
                exchange.Submit(new OrderIntent
                {
                    Kind = IntentKind.Place, Side = real.Side, Tif = Tif.Alo, Px = new(real.PxRaw), Sz = new(real.SizeRaw),
                    Cloid = ModelAnswers.CloidOf(i), Reason = IntentReason.Entry, DecisionTimeMs = time,
                });
            }
            foreach (var i in cancels[b])
                exchange.Submit(new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = ModelAnswers.CloidOf(i), DecisionTimeMs = time });
            exchange.AcceptSubmitted();
            while (exchange.NextArrivalMs <= time) exchange.ProcessNextArrival(ref sink);
            var resting = exchange.CopyQueues(simOids, queues);
            for (var k = 0; k < resting; k++)
            {
                var i = answers.OrderOf(simOids[k]);
                if (i >= 0 && orders[i].JoinBlock == blocks[b].Number) answers.SetQueueAtPlacement(i, queues[k]);
            }

            var bookAt = -1;
            while (bookAt < 0 && next < truth.Tape.Count)
            {
                exchange.OnMarket(in tape[next], ref sink);
                if (tape[next].Kind == EventKind.Book) bookAt = next;
                next++;
            }
            if (!model.HasQueue || bookAt < 0) continue;
            resting = exchange.CopyQueues(simOids, queues);
            for (var k = 0; k < resting; k++)
            {
                var i = answers.OrderOf(simOids[k]);
                if (i < 0) continue;
                var real = orders[i];
                var level = real.IsRestingAfter(blocks[b].Number) ? LevelOf(in tape[bookAt], real.Side, real.PxRaw) : -1;
                if (level >= 0) errors.Add(new QueueError(i, blocks[b].Number, queues[k], real.AheadAfter(blocks[b].Number), level == 0));
            }
        }
        return new ModelRun(model, answers.Predictions, errors);
    }

    /// <summary>Per block (by index): the orders that join in it and the orders whose real cancellation falls in it.</summary>
    private static (List<int>[] Joins, List<int>[] Cancels) Schedule(L4ReplayResult truth)
    {
        var index = new Dictionary<long, int>(truth.Blocks.Count);
        for (var b = 0; b < truth.Blocks.Count; b++) index[truth.Blocks[b].Number] = b;
        var joins = new List<int>[truth.Blocks.Count];
        var cancels = new List<int>[truth.Blocks.Count];
        for (var b = 0; b < joins.Length; b++)
        {
            joins[b] = [];
            cancels[b] = [];
        }
        foreach (var order in truth.Orders)
        {
            joins[index[order.JoinBlock]].Add(order.Index);
            if (order.End == OrderEnd.Canceled) cancels[index[order.EndBlock]].Add(order.Index);
        }
        return (joins, cancels);
    }

    /// <summary>Which of the book's shown levels holds the price (0 = best), -1 when none does: beyond them the model knows nothing of the queue (the real order rests at the price, so its level is never an empty gap).</summary>
    private static int LevelOf(in MarketEvent book, Side side, long pxRaw)
    {
        ReadOnlySpan<BookLevel> levels = side == Side.Buy ? book.Bids[..book.BidCount] : book.Asks[..book.AskCount];
        for (var i = 0; i < levels.Length; i++)
            if (levels[i].Px.Raw == pxRaw) return i;
        return -1;
    }
}
