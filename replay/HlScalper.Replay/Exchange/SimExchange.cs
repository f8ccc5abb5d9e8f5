using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Exchange;

/// <summary>The exchange side of a back-test: takes the engine's intents after a latency, matches them against the replayed market, and answers with order updates and fills.</summary>
/// <remarks>
/// <para>Two threads touch it, never the same state at once: the engine thread calls <see cref="Submit"/>,
/// which only appends to an outbox; the replay driver calls everything else, and empties the outbox
/// (<see cref="AcceptSubmitted"/>) only after the engine has consumed everything published (lockstep), so
/// nothing needs a lock.</para>
/// <para>Everything is preallocated: orders, in-flight intents and books live in arrays; answers are written
/// straight into the caller's <see cref="IMarketEventSink"/>. No allocation per event after the first book of
/// each coin.</para>
/// </remarks>
public sealed class SimExchange : IOrderSink
{
    private const long FirstTid = 1L << 50;
    private const int InitialInFlight = 16;

    private readonly SimExchangeConfig _config;
    private readonly FeeRate _maker;
    private readonly FeeRate _taker;
    // Both start small and double up to MaxInFlight: allocated whole, they were 170 KB (half of it on the large-object heap)
    // for every back-test of a sweep, where a handful of intents is ever in flight.
    private OrderIntent[] _submitted;
    private InFlightIntent[] _inFlight;
    private readonly SimOrder[] _orders;
    private readonly L2Book?[] _books;
    private readonly Position[] _positions;
    private LatencyModel _latency;
    private LatencyModel _response;
    private readonly ResponseQueue? _responses;
    private int _submittedCount;
    private int _inFlightCount;
    private int _orderCount;
    private long _nextOid;
    private long _nextTid = FirstTid;
    private FundingSeries? _fundingSeries;
    private ushort _fundingCoin;
    private long _nextFundingMs = long.MinValue;

    // Asked on every event and every arrival: a decimal comparison there was 1.3 % of a one-core back-test (perf).
    private bool _fundingOn;

    public SimExchange(SimExchangeConfig config, int coinCount, TradeLedger? ledger = null)
    {
        _config = config;
        _fundingOn = config.FundingRate != 0;
        _nextOid = config.FirstOid;
        _maker = FeeRate.FromDecimal(config.MakerFeeRate);
        _taker = FeeRate.FromDecimal(config.TakerFeeRate);
        if (config.Recorded is { } recorded)
        {
            _latency = new LatencyModel(recorded.EntryMs, config.LatencySeed);
            _response = new LatencyModel(recorded.ResponseMs, config.ResponseSeed);
            _responses = new ResponseQueue(config.MaxInFlight * 8);
        }
        else
        {
            _latency = new LatencyModel(config.LatencyMs, config.LatencyJitterMs, config.LatencySeed);
            _response = new LatencyModel(config.ResponseMs, config.ResponseJitterMs, config.ResponseSeed);
            if (config.ResponseMs > 0 || config.ResponseJitterMs > 0) _responses = new ResponseQueue(config.MaxInFlight * 8);
        }
        _submitted = new OrderIntent[Math.Min(InitialInFlight, config.MaxInFlight)];
        _inFlight = new InFlightIntent[Math.Min(InitialInFlight, config.MaxInFlight)];
        _orders = new SimOrder[config.MaxOpenOrders];
        _books = new L2Book?[Math.Max(coinCount, 1)];
        _positions = new Position[_books.Length];
        Ledger = ledger ?? new TradeLedger(_books.Length);
    }

    public ExchangeCounters Counters { get; } = new();

    /// <summary>Round trips, equity and fees, fed by every fill.</summary>
    public TradeLedger Ledger { get; }

    /// <summary>The smallest entry latency: how far the engine may run ahead of the exchange without changing any outcome.</summary>
    public long MinimumLatencyMs => _latency.MinimumMs;

    public int OpenOrderCount => _orderCount;

    public Position PositionOf(ushort coin) => coin < _positions.Length ? _positions[coin] : default;

    /// <summary>Copies each resting order's id and the size its queue model puts ahead of it (raw units), in placement order; returns how many it wrote.</summary>
    /// <remarks>Read-only, for scoring the queue models against real queues (<c>QueueStudy</c>).</remarks>
    public int CopyQueues(Span<long> oids, Span<double> queueAhead)
    {
        var n = Math.Min(_orderCount, Math.Min(oids.Length, queueAhead.Length));
        for (var i = 0; i < n; i++)
        {
            oids[i] = _orders[i].Oid;
            queueAhead[i] = _orders[i].QueueAhead;
        }
        return n;
    }

    /// <summary>Hyperliquid pays funding on the hour.</summary>
    public const long FundingIntervalMs = 3_600_000;

    /// <summary>Funds <paramref name="coin"/>'s positions from <paramref name="series"/> (the rate in force at each hour, at its oracle price when the row has one, else the mid) instead of the constant <see cref="SimExchangeConfig.FundingRate"/>.</summary>
    public void UseFunding(ushort coin, FundingSeries series)
    {
        _fundingSeries = series;
        _fundingCoin = coin;
        _fundingOn = true;
    }

    /// <summary>Books the funding of every hour up to <paramref name="time"/> on the positions held at that hour (nothing moves a position between two events, so the positions now are the ones held at the hour).</summary>
    private void AccrueFunding(long time)
    {
        if (_nextFundingMs == long.MinValue) _nextFundingMs = (Math.Max(time, 0) / FundingIntervalMs + 1) * FundingIntervalMs;
        for (; time >= _nextFundingMs; _nextFundingMs += FundingIntervalMs)
            for (ushort coin = 0; coin < _positions.Length; coin++)
            {
                var size = _positions[coin].SizeRaw;
                if (size == 0) continue;
                var rate = _config.FundingRate;
                var price = 0m;
                if (_fundingSeries is not null && coin == _fundingCoin)
                {
                    if (!_fundingSeries.TryGet(_nextFundingMs, out var point)) continue;
                    rate = point.Rate;
                    price = point.OraclePx;
                }
                if (price <= 0) price = (_books[coin]?.MidRaw ?? 0) / (decimal)Fixed8.Scale;
                // size (raw, 1e-8 coin) × price (USDC) × rate is the payment in raw USDC; longs pay a positive rate.
                var paid = (long)decimal.Round(size * price * rate, MidpointRounding.ToZero);
                if (paid != 0) Ledger.OnFunding(coin, -paid, _nextFundingMs);
            }
    }

    /// <summary>Engine thread: the intent leaves now, at its <see cref="OrderIntent.DecisionTimeMs"/>; it is picked up by <see cref="AcceptSubmitted"/>.</summary>
    public void Submit(in OrderIntent intent)
    {
        if (_submittedCount == _submitted.Length && !TryGrow(ref _submitted))
            throw new InvalidOperationException($"more than {_config.MaxInFlight} intents submitted between two syncs: raise SimExchangeConfig.MaxInFlight");
        _submitted[_submittedCount++] = intent;
    }

    /// <summary>Replay thread, while the engine is idle: moves what the engine submitted into flight, drawing each one's latency in submission order.</summary>
    public void AcceptSubmitted()
    {
        for (var i = 0; i < _submittedCount; i++)
        {
            if (_inFlightCount == _inFlight.Length && !TryGrow(ref _inFlight))
                throw new InvalidOperationException($"more than {_config.MaxInFlight} intents in flight at once: raise SimExchangeConfig.MaxInFlight");
            ref var slot = ref _inFlight[_inFlightCount++];
            slot.Intent = _submitted[i];
            slot.ArrivalMs = _submitted[i].DecisionTimeMs + _latency.Next();
        }
        _submittedCount = 0;
    }

    /// <summary>Doubles <paramref name="array"/> up to <see cref="SimExchangeConfig.MaxInFlight"/>; false when it is there already.</summary>
    private bool TryGrow<T>(ref T[] array)
    {
        if (array.Length >= _config.MaxInFlight) return false;
        Array.Resize(ref array, Math.Min(_config.MaxInFlight, array.Length * 2));
        return true;
    }

    /// <summary>When the next in-flight intent reaches the exchange; <see cref="long.MaxValue"/> when none is in flight.</summary>
    public long NextArrivalMs
    {
        get
        {
            var next = long.MaxValue;
            for (var i = 0; i < _inFlightCount; i++) next = Math.Min(next, _inFlight[i].ArrivalMs);
            return next;
        }
    }

    /// <summary>When the oldest delayed answer reaches the engine; <see cref="long.MaxValue"/> when none is on its way (or responses are not delayed).</summary>
    public long NextResponseMs => _responses?.NextDueMs ?? long.MaxValue;

    /// <summary>Writes the answers due at <see cref="NextResponseMs"/> into <paramref name="sink"/>, led by a timer at that time.</summary>
    public void DeliverNextResponse<TSink>(ref TSink sink) where TSink : struct, IMarketEventSink => _responses?.DeliverNext(ref sink);

    internal long NextResponseDelayMs() => _response.Next();

    /// <summary>Acts on the earliest in-flight intent (ties in submission order), writing the answers at its arrival time (delayed by the response latency when there is one).</summary>
    public void ProcessNextArrival<TSink>(ref TSink sink) where TSink : struct, IMarketEventSink
    {
        if (_responses is not null)
        {
            var delayed = new ResponseSink(_responses, this, NextArrivalMs);
            ProcessArrival(ref delayed);
        }
        else ProcessArrival(ref sink);
    }

    /// <summary>Applies one market event (book, BBO, trade) and writes the fills it causes, at the event's time (delayed by the response latency when there is one).</summary>
    public void OnMarket<TSink>(ref readonly MarketEvent e, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        if (_responses is not null)
        {
            var delayed = new ResponseSink(_responses, this, e.ExchangeTimeMs);
            ApplyMarket(in e, ref delayed);
        }
        else ApplyMarket(in e, ref sink);
    }

    private void ProcessArrival<TSink>(ref TSink sink) where TSink : struct, IMarketEventSink
    {
        if (_inFlightCount == 0) return;
        var first = 0;
        for (var i = 1; i < _inFlightCount; i++)
            if (_inFlight[i].ArrivalMs < _inFlight[first].ArrivalMs) first = i;
        var intent = _inFlight[first].Intent;
        var time = _inFlight[first].ArrivalMs;
        if (_fundingOn) AccrueFunding(time);
        Array.Copy(_inFlight, first + 1, _inFlight, first, _inFlightCount - first - 1);
        _inFlightCount--;

        switch (intent.Kind)
        {
            case IntentKind.Place:
                Place(in intent, time, ref sink);
                break;
            case IntentKind.Cancel:
            case IntentKind.CancelByCloid:
                CancelOne(in intent, time, ref sink);
                break;
            case IntentKind.CancelAll:
                CancelAll(intent.Coin, time, ref sink);
                break;
        }
    }

    private void ApplyMarket<TSink>(ref readonly MarketEvent e, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        if (e.Coin >= _books.Length) return;
        if (_fundingOn) AccrueFunding(e.ExchangeTimeMs);
        switch (e.Kind)
        {
            case EventKind.Book:
                BookFor(e.Coin).ApplySnapshot(in e);
                OnBookChanged(e.Coin, e.ExchangeTimeMs, ref sink);
                break;
            case EventKind.Bbo:
                BookFor(e.Coin).ApplyBbo(in e);
                OnBookChanged(e.Coin, e.ExchangeTimeMs, ref sink);
                break;
            case EventKind.Trade:
                OnTrade(in e, ref sink);
                break;
        }
    }

    private L2Book BookFor(ushort coin) => _books[coin] ??= new L2Book();

    private void Place<TSink>(in OrderIntent intent, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        Counters.Placed++;
        if (intent.Reason == IntentReason.Entry) Counters.Entries++;
        if (intent.Coin >= _books.Length || intent.Px.Raw <= 0 || intent.Sz.Raw <= 0)
        {
            Reject(in intent, OrderStatus.Rejected, time, ref sink);
            return;
        }
        if (_orderCount == _orders.Length)
        {
            Reject(in intent, OrderStatus.TooManyOpenOrdersRejected, time, ref sink);
            return;
        }
        var size = intent.Sz.Raw;
        if (intent.ReduceOnly)
        {
            var position = _positions[intent.Coin].SizeRaw;
            if (!Reduces(intent.Side, position))
            {
                Reject(in intent, OrderStatus.ReduceOnlyRejected, time, ref sink);
                return;
            }
            size = Math.Min(size, Math.Abs(position));
        }
        var book = _books[intent.Coin];
        var crosses = book is not null && Crosses(book, intent.Side, intent.Px.Raw);
        if (crosses && intent.Tif == Tif.Alo)
        {
            Reject(in intent, OrderStatus.BadAloPxRejected, time, ref sink);
            return;
        }
        if (!crosses && intent.Tif == Tif.Ioc)
        {
            Reject(in intent, OrderStatus.IocCancelRejected, time, ref sink);
            return;
        }

        var index = _orderCount++;
        ref var order = ref _orders[index];
        order = default;
        order.Oid = _nextOid++;
        order.Cloid = intent.Cloid;
        order.Coin = intent.Coin;
        order.Side = intent.Side;
        order.ReduceOnly = intent.ReduceOnly;
        order.Reason = intent.Reason;
        order.PxRaw = intent.Px.Raw;
        order.OrigSzRaw = size;
        order.RemainingRaw = size;
        order.PlacedMs = time;

        if (crosses && TakeLiquidity(index, book!, time, ref sink)) return;   // filled in full
        ref var resting = ref _orders[index];
        if (intent.Tif == Tif.Ioc)
        {
            Counters.Cancels++;
            EmitUpdate(ref resting, OrderStatus.Canceled, time, ref sink);
            RemoveOrder(index);
            return;
        }
        var visible = book is null ? 0 : book.SizeAt(resting.Side, new(resting.PxRaw)).Raw;
        resting.QueueAhead = visible;
        resting.LevelSizeRaw = visible;
        EmitUpdate(ref resting, OrderStatus.Open, time, ref sink);
    }

    /// <summary>A crossing order takes the visible opposite levels up to its limit; true when it filled in full (and is gone).</summary>
    private bool TakeLiquidity<TSink>(int index, L2Book book, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        var side = _orders[index].Side;
        var levels = side == Side.Buy ? book.Asks : book.Bids;
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            var limit = _orders[index].PxRaw;
            if (side == Side.Buy ? level.Px.Raw > limit : level.Px.Raw < limit) break;
            var quantity = Math.Min(level.Sz.Raw, _orders[index].RemainingRaw);
            if (quantity > 0 && Fill(index, level.Px.Raw, quantity, taker: true, time, ref sink)) return true;
        }
        return false;
    }

    private void OnBookChanged<TSink>(ushort coin, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        var book = _books[coin]!;
        Ledger.OnMark(coin, book.MidRaw, time);
        for (var i = 0; i < _orderCount;)
        {
            ref var order = ref _orders[i];
            if (order.Coin != coin)
            {
                i++;
                continue;
            }
            // The market moved onto the order: whatever the model, the resting order trades at its price.
            if (Crosses(book, order.Side, order.PxRaw))
            {
                if (Fill(i, order.PxRaw, order.RemainingRaw, taker: false, time, ref sink)) continue;
                i++;
                continue;
            }
            if (_config.Fill == FillModel.Queue && IsWithinVisibleDepth(book, order.Side, order.PxRaw))
            {
                var visible = book.SizeAt(order.Side, new(order.PxRaw)).Raw;
                order.QueueAhead = QueuePosition.AfterDepthChange(order.QueueAhead, order.LevelSizeRaw, visible, order.TradedSinceBook, _config.QueueRule, _config.QueuePower);
                order.LevelSizeRaw = visible;
                order.TradedSinceBook = 0;
            }
            i++;
        }
    }

    private void OnTrade<TSink>(ref readonly MarketEvent trade, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        var time = trade.ExchangeTimeMs;
        for (var i = 0; i < _orderCount;)
        {
            ref var order = ref _orders[i];
            if (order.Coin != trade.Coin || !Reaches(order.Side, order.PxRaw, trade.Px.Raw))
            {
                i++;
                continue;
            }
            long quantity;
            if (_config.Fill == FillModel.Touch || trade.Px.Raw != order.PxRaw)
                quantity = order.RemainingRaw;    // touch, or a trade through our price: the whole level went
            else if (trade.Side != order.Side)
            {
                order.QueueAhead -= trade.Sz.Raw;
                order.TradedSinceBook += trade.Sz.Raw;
                quantity = order.QueueAhead < 0 ? Math.Min(order.RemainingRaw, (long)-order.QueueAhead) : 0;
                if (order.QueueAhead < 0) order.QueueAhead = 0;
            }
            else quantity = 0;                    // an aggressor on our own side at our price trades elsewhere
            if (quantity > 0 && Fill(i, order.PxRaw, quantity, taker: false, time, ref sink)) continue;
            i++;
        }
    }

    /// <summary>Fills <paramref name="quantity"/> of order <paramref name="index"/>; true when the order is gone afterwards.</summary>
    private bool Fill<TSink>(int index, long pxRaw, long quantity, bool taker, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        ref var order = ref _orders[index];
        ref var position = ref _positions[order.Coin];
        if (order.ReduceOnly)
        {
            if (!Reduces(order.Side, position.SizeRaw))
            {
                EmitUpdate(ref order, OrderStatus.ReduceOnlyCanceled, time, ref sink);
                RemoveOrder(index);
                return true;
            }
            quantity = Math.Min(quantity, Math.Abs(position.SizeRaw));
        }
        var fee = (taker ? _taker : _maker).On(pxRaw, quantity);
        var start = position.SizeRaw;
        var closed = position.Apply(order.Side, pxRaw, quantity);
        order.RemainingRaw -= quantity;

        ref var e = ref sink.Claim();
        e.Reset(EventKind.Fill, order.Coin, time);
        e.Px = new(pxRaw);
        e.Sz = new(quantity);
        e.OrigSz = new(order.OrigSzRaw);
        e.StartPosition = new(start);
        e.Oid = order.Oid;
        e.Tid = _nextTid++;
        e.Fee = fee;
        e.ClosedPnl = closed;
        e.Value = order.PlacedMs;
        e.Cloid = order.Cloid;
        e.Side = order.Side;
        e.Status = order.RemainingRaw == 0 ? OrderStatus.Filled : OrderStatus.Open;
        e.Flags = Flags(in order) | (taker ? EventFlags.Crossed : EventFlags.None);
        sink.Publish();

        Counters.Fills++;
        Counters.FilledNotionalRaw += (Int128)pxRaw * quantity;
        if (!taker) Counters.MakerNotionalRaw += (Int128)pxRaw * quantity;
        if (taker) Counters.TakerFills++;
        else Counters.MakerFills++;
        if (!order.EverFilled) Counters.FilledOrders++;
        order.EverFilled = true;
        Ledger.OnFill(order.Coin, order.Side, pxRaw, quantity, fee, closed, time, order.Reason, taker, order.PlacedMs);

        if (order.RemainingRaw == 0)
        {
            EmitUpdate(ref order, OrderStatus.Filled, time, ref sink);
            RemoveOrder(index);
            return true;
        }
        if (order.ReduceOnly && position.IsFlat)
        {
            EmitUpdate(ref order, OrderStatus.ReduceOnlyCanceled, time, ref sink);
            RemoveOrder(index);
            return true;
        }
        return false;
    }

    private void CancelOne<TSink>(in OrderIntent intent, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        for (var i = 0; i < _orderCount; i++)
        {
            ref var order = ref _orders[i];
            var match = intent.Kind == IntentKind.CancelByCloid ? order.Cloid == intent.Cloid : order.Oid == intent.Oid;
            if (!match) continue;
            Counters.Cancels++;
            EmitUpdate(ref order, OrderStatus.Canceled, time, ref sink);
            RemoveOrder(i);
            return;
        }
        Counters.CancelMisses++;
    }

    private void CancelAll<TSink>(ushort coin, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        for (var i = 0; i < _orderCount;)
        {
            ref var order = ref _orders[i];
            if (order.Coin != coin)
            {
                i++;
                continue;
            }
            Counters.Cancels++;
            EmitUpdate(ref order, OrderStatus.Canceled, time, ref sink);
            RemoveOrder(i);
        }
    }

    private void Reject<TSink>(in OrderIntent intent, OrderStatus status, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        Counters.Rejected++;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.OrderUpdate, intent.Coin, time);
        e.Px = intent.Px;
        e.Sz = intent.Sz;
        e.OrigSz = intent.Sz;
        e.Cloid = intent.Cloid;
        e.Side = intent.Side;
        e.Status = status;
        e.Value = time;
        e.Flags = (intent.ReduceOnly ? EventFlags.ReduceOnly : EventFlags.None) | (intent.Cloid.IsEmpty ? EventFlags.None : EventFlags.HasCloid);
        sink.Publish();
    }

    private static void EmitUpdate<TSink>(ref SimOrder order, OrderStatus status, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        ref var e = ref sink.Claim();
        e.Reset(EventKind.OrderUpdate, order.Coin, time);
        e.Px = new(order.PxRaw);
        e.Sz = new(order.RemainingRaw);
        e.OrigSz = new(order.OrigSzRaw);
        e.Oid = order.Oid;
        e.Cloid = order.Cloid;
        e.Side = order.Side;
        e.Status = status;
        e.Value = order.PlacedMs;
        e.Flags = Flags(in order);
        sink.Publish();
    }

    private static EventFlags Flags(in SimOrder order) =>
        (order.ReduceOnly ? EventFlags.ReduceOnly : EventFlags.None) | (order.Cloid.IsEmpty ? EventFlags.None : EventFlags.HasCloid);

    // Shifting (not swapping) keeps orders in placement order, so matching order is deterministic and fair.
    private void RemoveOrder(int index)
    {
        Array.Copy(_orders, index + 1, _orders, index, _orderCount - index - 1);
        _orderCount--;
    }

    private static bool Reduces(Side side, long position) => side == Side.Buy ? position < 0 : position > 0;

    /// <summary>True when a limit at <paramref name="pxRaw"/> meets the opposite best.</summary>
    private static bool Crosses(L2Book book, Side side, long pxRaw) =>
        side == Side.Buy ? book.AskCount > 0 && book.BestAsk.Raw <= pxRaw : book.BidCount > 0 && book.BestBid.Raw >= pxRaw;

    /// <summary>True when a trade at <paramref name="tradePxRaw"/> is at or through the order's price.</summary>
    private static bool Reaches(Side side, long pxRaw, long tradePxRaw) => side == Side.Buy ? tradePxRaw <= pxRaw : tradePxRaw >= pxRaw;

    /// <summary>True when the book shows our price level (present or empty): a price beyond the 20 visible levels says nothing about our queue.</summary>
    private static bool IsWithinVisibleDepth(L2Book book, Side side, long pxRaw)
    {
        var levels = side == Side.Buy ? book.Bids : book.Asks;
        if (levels.Length == 0) return false;
        var worst = levels[^1].Px.Raw;
        return side == Side.Buy ? pxRaw >= worst : pxRaw <= worst;
    }
}
