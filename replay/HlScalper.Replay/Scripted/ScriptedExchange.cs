using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Replay.Scripted;

/// <summary>
/// A minimal exchange for driving the strategy in tests and benchmarks: it takes the engine's intents and, when told to,
/// answers with the acks, post-only rejects, fills and cancels Hyperliquid would send, as ring events into a target.
/// </summary>
/// <remarks>
/// Not a fill model (that is the replay project's simulated exchange): the caller decides which order fills or is
/// rejected and when, so property tests can explore every ordering of responses. Fixed arrays, no allocation.
/// </remarks>
public sealed class ScriptedExchange(MarketWalk market, ushort coin) : IOrderSink
{
    /// <summary>Maker and taker fees as fractions of notional: Hyperliquid's base tier (0.015 %, 0.045 %).</summary>
    public const double MakerFee = 0.00015, TakerFee = 0.00045;

    private readonly Order[] _orders = new Order[256];
    private int _count;
    private long _nextOid = 1;
    private MarketEvent _event;

    private struct Order
    {
        public Cloid Cloid;
        public long Oid;
        public Side Side;
        public Tif Tif;
        public bool ReduceOnly;
        public long PxRaw;
        public long OrigRaw;
        public long RemainingRaw;
        public bool Acked;
        public bool CancelRequested;
    }

    /// <summary>Where the responses go (the handler under test).</summary>
    public Action<EventSink>? Deliver { get; set; }

    /// <summary>Sees every intent before the exchange does (tests record and check them here).</summary>
    public IOrderSink? Observer { get; set; }

    /// <summary>Orders placed and not yet terminal (including ones with a cancel on its way).</summary>
    public int LiveCount => _count;

    /// <summary>Signed position from the fills this exchange produced.</summary>
    public long PositionRaw { get; private set; }

    /// <summary>Time the position last opened from flat.</summary>
    public long OpenedMs { get; private set; }

    /// <summary>Entry notional of the open position (raw quote units).</summary>
    public long CostRaw { get; private set; }

    public long Places { get; private set; }

    public long CancelRequests { get; private set; }

    /// <summary>True when a live reduce-only IOC would reduce the position.</summary>
    public bool HasLiveExit
    {
        get
        {
            for (var i = 0; i < _count; i++)
                if (_orders[i].Tif == Tif.Ioc && _orders[i].ReduceOnly && (_orders[i].Side == Side.Sell) == (PositionRaw > 0)) return true;
            return false;
        }
    }

    public void Submit(in OrderIntent intent)
    {
        Observer?.Submit(in intent);
        switch (intent.Kind)
        {
            case IntentKind.Place:
                Places++;
                if (_count == _orders.Length) throw new InvalidOperationException("scripted exchange: more than 256 live orders");
                _orders[_count++] = new Order
                {
                    Cloid = intent.Cloid, Oid = _nextOid++, Side = intent.Side, Tif = intent.Tif, ReduceOnly = intent.ReduceOnly,
                    PxRaw = intent.Px.Raw, OrigRaw = intent.Sz.Raw, RemainingRaw = intent.Sz.Raw,
                };
                break;
            case IntentKind.CancelByCloid:
                CancelRequests++;
                for (var i = 0; i < _count; i++)
                    if (_orders[i].Cloid == intent.Cloid) _orders[i].CancelRequested = true;
                break;
            case IntentKind.Cancel:
                CancelRequests++;
                for (var i = 0; i < _count; i++)
                    if (_orders[i].Oid == intent.Oid) _orders[i].CancelRequested = true;
                break;
            case IntentKind.CancelAll:
                CancelRequests++;
                for (var i = 0; i < _count; i++) _orders[i].CancelRequested = true;
                break;
        }
    }

    /// <summary>Answers the <paramref name="pick"/>-th unacknowledged order: a post-only order that would cross is rejected, an IOC fills at the touch or is cancelled, anything else rests.</summary>
    public void Ack(uint pick, long timeMs)
    {
        var i = Pick(pick, acked: false);
        if (i < 0) return;
        ref var o = ref _orders[i];
        if (o.Tif == Tif.Ioc)
        {
            var touch = o.Side == Side.Buy ? market.AskRaw : market.BidRaw;
            var marketable = o.Side == Side.Buy ? o.PxRaw >= touch : o.PxRaw <= touch;
            var oid = o.Oid;
            var filledAll = marketable && (!o.ReduceOnly || Reduces(o.Side))
                && FillAt(i, o.ReduceOnly ? Math.Min(o.RemainingRaw, Math.Abs(PositionRaw)) : o.RemainingRaw, touch, TakerFee, timeMs);
            if (!filledAll && IndexOf(oid) is var j and >= 0) Finish(j, OrderStatus.Canceled, timeMs);
            return;
        }
        var crosses = o.Tif == Tif.Alo && (o.Side == Side.Buy ? o.PxRaw >= market.AskRaw : o.PxRaw <= market.BidRaw);
        if (crosses)
        {
            Finish(i, OrderStatus.BadAloPxRejected, timeMs);
            return;
        }
        o.Acked = true;
        Emit(in o, OrderStatus.Open, timeMs);
    }

    /// <summary>Fills the <paramref name="pick"/>-th resting order at its price: fully when <paramref name="part"/> is a multiple of 3, else a share of it.</summary>
    public void Fill(uint pick, uint part, long timeMs)
    {
        var i = Pick(pick, acked: true);
        if (i < 0) return;
        ref var o = ref _orders[i];
        var lot = PriceRules.LotSize(market.Asset.SzDecimals);
        var sz = part % 3 == 0 ? o.RemainingRaw : Math.Max(lot, PriceRules.RoundSizeDown(o.RemainingRaw * (part % 100) / 100, market.Asset.SzDecimals));
        if (o.ReduceOnly)
        {
            if (!Reduces(o.Side)) return;
            sz = Math.Min(sz, Math.Abs(PositionRaw));
        }
        FillAt(i, sz, o.PxRaw, MakerFee, timeMs);
    }

    /// <summary>Rejects the <paramref name="pick"/>-th unacknowledged order.</summary>
    public void Reject(uint pick, OrderStatus status, long timeMs)
    {
        var i = Pick(pick, acked: false);
        if (i >= 0) Finish(i, status, timeMs);
    }

    /// <summary>Carries out every requested cancel.</summary>
    public void ProcessCancels(long timeMs)
    {
        for (var i = _count - 1; i >= 0; i--)
            if (i < _count && _orders[i].CancelRequested) Finish(i, OrderStatus.Canceled, timeMs);
    }

    private bool Reduces(Side side) => PositionRaw != 0 && (side == Side.Sell) == (PositionRaw > 0);

    private int Pick(uint pick, bool acked)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
            if (_orders[i].Acked == acked) n++;
        if (n == 0) return -1;
        var k = (int)(pick % (uint)n);
        for (var i = 0; i < _count; i++)
            if (_orders[i].Acked == acked && k-- == 0) return i;
        return -1;
    }

    /// <summary>Fills order <paramref name="i"/> and delivers the fill; a fully filled order leaves the book first and its Filled update follows. True when it filled completely.</summary>
    private bool FillAt(int i, long sz, long pxRaw, double feeRate, long timeMs)
    {
        if (sz <= 0) return false;
        _orders[i].RemainingRaw -= sz;
        var o = _orders[i];
        if (o.RemainingRaw == 0) _orders[i] = _orders[--_count];
        var signed = o.Side == Side.Buy ? sz : -sz;
        var notional = (long)((Int128)pxRaw * sz / Fixed8.Scale);
        if (PositionRaw == 0)
        {
            OpenedMs = timeMs;
            CostRaw = 0;
        }
        if (PositionRaw == 0 || Math.Sign(PositionRaw) == Math.Sign(signed)) CostRaw += notional;
        else CostRaw -= (long)((Int128)CostRaw * Math.Min(sz, Math.Abs(PositionRaw)) / Math.Abs(PositionRaw));
        var start = PositionRaw;
        PositionRaw += signed;
        if (PositionRaw == 0) CostRaw = 0;

        _event.Reset(EventKind.Fill, coin, timeMs);
        Describe(in o);
        _event.Px = new Px(pxRaw);
        _event.Sz = new Sz(sz);
        _event.StartPosition = new Sz(start);
        _event.Fee = (long)(notional * feeRate);
        _event.Tid = _nextOid++;
        Deliver?.Invoke(new EventSink(this));
        if (o.RemainingRaw != 0) return false;
        Emit(in o, OrderStatus.Filled, timeMs);
        return true;
    }

    private int IndexOf(long oid)
    {
        for (var i = 0; i < _count; i++)
            if (_orders[i].Oid == oid) return i;
        return -1;
    }

    /// <summary>Takes order <paramref name="i"/> off the book and reports its terminal status.</summary>
    private void Finish(int i, OrderStatus status, long timeMs)
    {
        var o = _orders[i];
        _orders[i] = _orders[--_count];
        Emit(in o, status, timeMs);
    }

    private void Emit(in Order o, OrderStatus status, long timeMs)
    {
        _event.Reset(EventKind.OrderUpdate, coin, timeMs);
        Describe(in o);
        _event.Status = status;
        Deliver?.Invoke(new EventSink(this));
    }

    private void Describe(in Order o)
    {
        _event.Cloid = o.Cloid;
        _event.Flags = EventFlags.HasCloid | (o.ReduceOnly ? EventFlags.ReduceOnly : EventFlags.None);
        _event.Oid = o.Oid;
        _event.Side = o.Side;
        _event.Px = new Px(o.PxRaw);
        _event.Sz = new Sz(o.RemainingRaw);
        _event.OrigSz = new Sz(o.OrigRaw);
    }

    /// <summary>The response being delivered, by reference (no copy of the 1 KB event).</summary>
    public readonly struct EventSink(ScriptedExchange exchange)
    {
        public ref MarketEvent Event => ref exchange._event;
    }
}
