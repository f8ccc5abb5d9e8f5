using System.Collections.Concurrent;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Codec;

namespace HlScalper.Live.Pipeline;

/// <summary>
/// The market a warm-up plays to a throwaway copy of the pipeline (<see cref="LivePipeline.WarmUp"/>): 20-level books that lean one way
/// and drift that way (so the strategy's trigger holds and it enters), a trade a tick, and the exchange's side of every order the copy
/// sends — a resting answer, every other entry and every exit filled (orderUpdates and userFills), every cancel confirmed.
/// </summary>
/// <remarks>
/// It is also the copy's frame sink and order tap: the copy's sender signs and frames each order exactly as the live one does, and the
/// frame ends here, counted, never on a socket. The n-th frame is the sender's post n (ids from <see cref="OrderSender{TSink}.PostIdBase"/>),
/// which pairs each answer with its order. Frames and intents arrive on the copy's engine thread; <see cref="Tick"/> runs on the
/// warm-up's own (the copy's I/O thread stand-in).
/// </remarks>
public sealed class WarmUpVenue(AssetMeta asset, string coin, string? user) : IFrameSink, IOrderSink
{
    /// <summary>Exchange time between two ticks: fast enough that entry and position timeouts come round within a warm-up.</summary>
    public const long StepMs = 2;

    private const int Levels = 20;
    /// <summary>Ticks the price drifts one way before it turns.</summary>
    private const int Swing = 150;

    private readonly HlMessageWriter _writer = new(new CoinTable(coin));
    private readonly ConcurrentQueue<(long PostId, OrderIntent Intent)> _posted = new();
    private readonly Dictionary<Cloid, (long Oid, OrderIntent Place)> _resting = [];
    private readonly List<ReadOnlyMemory<byte>> _messages = [];
    // 4·10^(szDecimals+1): one tick (five significant figures) is 0.25 bps, so a two-tick spread leaves room to enter inside it under
    // the usual spread cap, and one lot is worth $40: above the minimum order value, under the usual Kelly cap.
    private readonly long _basePx = asset.RoundPriceDown(4 * Fixed8.Scale * (long)Math.Pow(10, asset.SzDecimals + 1));
    private readonly string _user = user ?? "0x0000000000000000000000000000000000000000";
    private long _frames;
    private long _paired;
    private long _oid;
    private long _tid;
    private long _entries;
    private long _positionRaw;

    /// <summary>Order frames the copy's sender wrote (signed and masked, as they would go on the socket).</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Answers sent back: post replies, order updates and fills (one message each).</summary>
    public long Answers { get; private set; }

    public void Send(ReadOnlySpan<byte> frame) => Interlocked.Increment(ref _frames);

    /// <summary>The copy's order tap: an intent that made a frame is the post the frame carried.</summary>
    public void Submit(in OrderIntent intent)
    {
        var frames = Frames;
        if (frames == _paired) return;
        _paired = frames;
        _posted.Enqueue((OrderSender<RingEventSink>.PostIdBase + frames, intent));
    }

    /// <summary>The messages of tick <paramref name="tick"/> at exchange time <paramref name="timeMs"/>: the answers to the orders sent since the last tick, a book and a trade.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Tick(int tick, long timeMs)
    {
        _messages.Clear();
        while (_posted.TryDequeue(out var post)) Answer(post.PostId, post.Intent, timeMs);
        Answers += _messages.Count;
        // A triangle: up for a swing with the bids heavy, then down with the asks heavy.
        var rising = tick / Swing % 2 == 0;
        var step = tick % Swing;
        var bid = _basePx;
        for (var i = 0; i < (rising ? step : Swing - step); i++) bid = asset.TickUp(bid);
        var book = default(MarketEvent);
        book.Reset(EventKind.Book, 0, timeMs);
        book.BidCount = book.AskCount = Levels;
        var ask = asset.TickUp(asset.TickUp(bid));
        var (bidPx, askPx) = (bid, ask);
        for (var i = 0; i < Levels; i++)
        {
            book.Bids[i] = new BookLevel(new Px(bidPx), new Sz(Fixed8.Scale * (rising ? 5 : 1)), 3);
            book.Asks[i] = new BookLevel(new Px(askPx), new Sz(Fixed8.Scale * (rising ? 1 : 5)), 3);
            bidPx = asset.TickDown(bidPx);
            askPx = asset.TickUp(askPx);
        }
        _messages.Add(_writer.L2Book(ref book).ToArray());
        var trade = default(MarketEvent);
        trade.Reset(EventKind.Trade, 0, timeMs);
        trade.Side = rising ? Side.Buy : Side.Sell;
        trade.Px = new Px(rising ? ask : bid);
        trade.Sz = new Sz(Fixed8.Scale / 10);
        trade.Tid = ++_tid;
        _messages.Add(_writer.Trade(ref trade).ToArray());
        return _messages;
    }

    private void Answer(long postId, in OrderIntent intent, long timeMs)
    {
        switch (intent.Kind)
        {
            case IntentKind.Place:
                var oid = ++_oid;
                _messages.Add(Reply(postId, "order", "{\"resting\":{\"oid\":" + oid + "}}"));
                // Every exit and every other entry fills at once; the other entries rest until the strategy cancels them.
                if (intent.ReduceOnly || intent.Tif == Tif.Ioc || _entries++ % 2 == 0) Fill(oid, in intent, timeMs);
                else _resting[intent.Cloid] = (oid, intent);
                break;
            case IntentKind.CancelByCloid:
                _messages.Add(Reply(postId, "cancel", "\"success\""));
                // The update carries the order as it was placed (a cancel intent has no price or size of its own).
                if (_resting.Remove(intent.Cloid, out var order))
                    _messages.Add(OrderUpdate(order.Oid, in order.Place, OrderStatus.Canceled, order.Place.Sz.Raw, timeMs));
                break;
        }
    }

    private void Fill(long oid, in OrderIntent intent, long timeMs)
    {
        _messages.Add(OrderUpdate(oid, in intent, OrderStatus.Filled, 0, timeMs));
        var fill = default(MarketEvent);
        fill.Reset(EventKind.Fill, 0, timeMs);
        fill.Side = intent.Side;
        fill.Px = intent.Px;
        fill.Sz = intent.Sz;
        fill.StartPosition = new Sz(_positionRaw);
        fill.Oid = oid;
        fill.Tid = ++_tid;
        fill.Cloid = intent.Cloid;
        fill.Flags = EventFlags.HasCloid;
        _positionRaw += intent.Side == Side.Buy ? intent.Sz.Raw : -intent.Sz.Raw;
        _messages.Add(_writer.UserFills(_user, [fill], isSnapshot: false).ToArray());
    }

    private ReadOnlyMemory<byte> OrderUpdate(long oid, in OrderIntent intent, OrderStatus status, long remainingRaw, long timeMs)
    {
        var update = default(MarketEvent);
        update.Reset(EventKind.OrderUpdate, 0, timeMs);
        update.Side = intent.Side;
        update.Px = intent.Px;
        update.Sz = new Sz(remainingRaw);
        update.OrigSz = intent.Sz;
        update.Oid = oid;
        update.Value = timeMs;
        update.Cloid = intent.Cloid;
        update.Status = status;
        update.Flags = EventFlags.HasCloid | (intent.ReduceOnly ? EventFlags.ReduceOnly : 0);
        return _writer.OrderUpdates([update]).ToArray();
    }

    private static ReadOnlyMemory<byte> Reply(long postId, string type, string status) => Encoding.UTF8.GetBytes("{\"channel\":\"post\",\"data\":{\"id\":" + postId + ",\"response\":{\"type\":\"action\",\"payload\":{\"status\":\"ok\",\"response\":{\"type\":\"" + type +
            "\",\"data\":{\"statuses\":[" + status + "]}}}}}}");
}
