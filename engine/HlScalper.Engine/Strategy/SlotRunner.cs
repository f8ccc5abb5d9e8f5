using System.Runtime.CompilerServices;
using HlScalper.Engine.Alarms;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Risk;
using HlScalper.Engine.Signals;

namespace HlScalper.Engine.Strategy;

/// <summary>
/// The slot-runner scalp for one coin: book → signals → one slot (a working entry or an open position) → risk guards → order sink.
/// Time is read only from events, so live and replay runs make the same decisions.
/// </summary>
/// <remarks>
/// Per event: apply it (book, our order updates and fills, control signals), let the guards re-evaluate,
/// then <see cref="Step"/>: cancel what must go, manage the position (take-profit, timeout, adverse and
/// risk exits), or enter when the slot is empty and the trigger holds. Nothing here allocates.
/// </remarks>
public sealed class SlotRunner
{
    private readonly StrategyConfig _config;
    private readonly AssetMeta _asset;
    private readonly ushort _coin;
    private readonly L2Book _book = new();
    private readonly OrderTable _orders = new();
    private readonly PositionTracker _position = new();
    private readonly KellySizer _kelly;
    private readonly RiskGuards _risk;
    private readonly TriggerRules _trigger;
    private readonly IAlarmSink _alarms;
    /// <summary>Per role (indexed by <see cref="OrderRole"/>): how long to wait after a refusal, and whether the role gave up.</summary>
    private readonly RefusalBackoff[] _backoff = new RefusalBackoff[4];
    private SignalState _signals;
    /// <summary>An order of ours missing from an account sync is presumed gone only when sent this long before the snapshot (it may still be in flight).</summary>
    private const long SyncGraceMs = 2_000;
    /// <summary>An exit unanswered for this many exit_retry_s on a socket that stayed up is sent again anyway: an answer the exchange never sent must not hold the position forever.</summary>
    private const int SilentSocketRetries = 10;

    /// <summary>The entry price last worked out and the top of book it came from: most events leave the top where it was, and
    /// working it out again is two tick roundings with 64-bit divisions, on nearly every event of a back-test (the trigger
    /// fires, the spread is one tick, the entry is skipped). A bid of -1 matches no book, so the first asks.</summary>
    private (Side Side, long Bid, long Ask, long Px, bool Inside) _lastEntry = (Side.Buy, -1, -1, 0, false);

    private ulong _cloidCounter;
    private long _nowMs;
    private bool _takeProfitAbandoned;
    private long _tripEntryPxRaw;
    private long _tripMaxSizeRaw;
    /// <summary>Engine time of the last feed reset: the socket that carried our posts was replaced then, and the answers still owed on it were lost.</summary>
    private long _lastResetMs = long.MinValue;

    /// <param name="cloidStart">First cloid counter; live runs pass something unique per start (e.g. start time in ms) so cloids never repeat across restarts.</param>
    public SlotRunner(AssetMeta asset, ushort coin, EngineConfig config, IOrderSink orders, IAlarmSink? alarms = null, ulong cloidStart = 0)
    {
        _config = config.Strategy;
        _asset = asset;
        _coin = coin;
        _cloidCounter = cloidStart;
        _kelly = new KellySizer(_config);
        _trigger = new TriggerRules(_config);
        _signals = new SignalState(_config.ImbalanceLevels, _config.EmaTimeConstantMs);
        _alarms = alarms ?? NullAlarmSink.Instance;
        _risk = new RiskGuards(config.Risk, asset, _config.MinNotionalUsd, coin, _position, _orders, orders, _alarms, Stats);
        Stats.KellyF = _kelly.Fraction;
    }

    public EngineStats Stats { get; } = new();

    public L2Book Book => _book;

    public ref readonly SignalState Signals => ref _signals;

    public RiskGuards Risk => _risk;

    public PositionTracker Position => _position;

    public KellySizer Kelly => _kelly;

    /// <summary>Our orders (live and recently terminal).</summary>
    public OrderTable Orders => _orders;

    public ushort Coin => _coin;

    /// <summary>The latest event time seen (ms): the engine's clock.</summary>
    public long NowMs => _nowMs;

    /// <summary>Applies one ring event and acts on it.</summary>
    public void OnEvent(ref MarketEvent e)
    {
        Stats.Events++;
        if (e.ExchangeTimeMs > _nowMs) _nowMs = e.ExchangeTimeMs;
        var ours = e.Coin == _coin;
        switch (e.Kind)
        {
            case EventKind.Book when ours:
                _book.ApplySnapshot(in e);
                OnBookChanged(e.ExchangeTimeMs);
                break;
            case EventKind.Bbo when ours:
                _book.ApplyBbo(in e);
                OnBookChanged(e.ExchangeTimeMs);
                break;
            case EventKind.OrderUpdate when ours:
                OnOrderUpdate(ref e);
                break;
            case EventKind.Fill when ours:
                OnFill(ref e);
                break;
            case EventKind.Control:
                if (e.Control == ControlCode.FeedReset)
                {
                    _lastResetMs = _nowMs;
                    _book.Invalidate();
                    _signals.Invalidate();
                }
                else if (e.Control == ControlCode.AccountSync && ours) OnAccountSync(ref e);
                _risk.OnControl(in e, _nowMs);
                break;
        }
        // A snapshot order update is half of an account sync: act once the sync's position has arrived too.
        if (e.Kind == EventKind.OrderUpdate && (e.Flags & EventFlags.Snapshot) != 0) return;
        _risk.Evaluate(_nowMs, MarkRaw);
        if (!_risk.Stopped) Step();
    }

    private long MarkRaw => _signals.BestBidRaw > 0 && _signals.BestAskRaw > 0 ? (_signals.BestBidRaw + _signals.BestAskRaw) / 2 : 0;

    private void OnBookChanged(long timeMs)
    {
        _risk.OnBook(_nowMs);
        _signals.Update(_book, timeMs);
    }

    private void OnOrderUpdate(ref MarketEvent e)
    {
        if ((e.Flags & EventFlags.Snapshot) != 0)
        {
            if (e.Cloid.HasPrefix(_config.CloidPrefix))
                AdoptOrder(e.Cloid, e.Oid, e.Side, e.Px.Raw, e.Sz.Raw, (e.Flags & EventFlags.ReduceOnly) != 0, e.Value, e.ExchangeTimeMs);
            return;
        }
        ref var order = ref _orders.Find(in e);
        if (Unsafe.IsNullRef(ref order)) return;
        if (e.Oid != 0) order.Oid = e.Oid;
        // The cancel lost a race (the order filled or was cancelled first): the order streams settle the order; nothing was refused.
        if (e.Status == OrderStatus.CancelRejected)
        {
            Stats.CancelMisses++;
            return;
        }
        if (!e.Status.IsTerminal())
        {
            order.Acked = true;
            _backoff[(int)order.Role].OnAccepted();
            return;
        }
        if (e.Status == OrderStatus.Filled) _backoff[(int)order.Role].OnAccepted();
        // Order updates and fills are separate streams: a "filled" status can come before the fill itself. The order keeps
        // its slot until its fills arrive, or a take-profit would be placed again for a position about to close.
        if (e.Status == OrderStatus.Filled && order.RemainingRaw > 0) return;
        // The exchange answers an order twice (the post's response and the orderUpdates stream): the first answer ends it.
        var wasLive = order.Live;
        order.Live = false;
        order.Unanswered = false;
        if (e.Status.IsReject() && wasLive) OnRefused(ref order, e.Status);
    }

    /// <summary>A refusal of one of our orders: counted once, its role backs off, and a refusal that will not change ends the role's orders with an alarm.</summary>
    private void OnRefused(ref TrackedOrder order, OrderStatus status)
    {
        Stats.Rejects++;
        if (order.Role == OrderRole.TakeProfit) _takeProfitAbandoned = true;
        ref var backoff = ref _backoff[(int)order.Role];
        if (!backoff.OnRefused(status, _nowMs, mayGiveUp: order.Role != OrderRole.Entry)) return;
        Stats.GiveUp(order.Role, status);
        _alarms.Raise(new Alarm(AlarmKind.OrderRefused, _coin, _nowMs, (int)status));
    }

    /// <summary>The backoff of <paramref name="role"/>: whether it gave up and when it may send again.</summary>
    public RefusalBackoff Backoff(OrderRole role) => _backoff[(int)role];

    /// <summary>
    /// Takes over a working order of ours that this runner did not send (start-up recovery) or confirms one it knows (resync):
    /// a resting reduce-only order manages the position as its take-profit, any other is an entry. Engine thread only (or before it starts).
    /// </summary>
    /// <returns>True when the order was new to this runner.</returns>
    public bool AdoptOrder(Cloid cloid, long oid, Side side, long pxRaw, long remainingRaw, bool reduceOnly, long placedMs, long syncedMs = 0)
    {
        ref var order = ref _orders.FindCloid(cloid);
        var adopted = Unsafe.IsNullRef(ref order);
        if (adopted)
        {
            order = ref _orders.Add();
            if (Unsafe.IsNullRef(ref order)) return false;
            order.Cloid = cloid;
            order.Role = reduceOnly ? OrderRole.TakeProfit : OrderRole.Entry;
            order.Reason = reduceOnly ? IntentReason.TakeProfit : IntentReason.Entry;
            order.Side = side;
            order.PxRaw = pxRaw;
            order.OrigSzRaw = remainingRaw;
            order.SentMs = placedMs;
        }
        if (oid != 0) order.Oid = oid;
        order.RemainingRaw = remainingRaw;
        order.Live = true;
        order.Acked = true;
        // Still working on the exchange: a cancel sent earlier never took (lost on a dropped socket), so it may be sent again.
        order.CancelSent = false;
        order.SyncedMs = syncedMs;
        return adopted;
    }

    /// <summary>
    /// Takes over the account's position on this coin as the exchange reports it (signed size, average entry, when it opened), so the
    /// runner manages its exits and enters nothing while it is open. Engine thread only (or before it starts).
    /// </summary>
    /// <returns>True when it differed from the position this runner tracked.</returns>
    public bool AdoptPosition(long sizeRaw, long entryPxRaw, long openedMs)
    {
        if (_position.SizeRaw == sizeRaw) return false;
        _position.Restore(sizeRaw, entryPxRaw, openedMs);
        _takeProfitAbandoned = false;
        _tripEntryPxRaw = entryPxRaw;
        _tripMaxSizeRaw = Math.Abs(sizeRaw);
        Stats.Position = Fixed8.ToDecimal(sizeRaw);
        return true;
    }

    /// <summary>The exchange's view after the snapshot order updates: adopt its position; our orders it did not list, sent well before the snapshot, are gone.</summary>
    private void OnAccountSync(ref MarketEvent e)
    {
        AdoptPosition(e.StartPosition.Raw, e.Px.Raw, e.Tid);
        var snapshotMs = e.ExchangeTimeMs;
        foreach (ref var order in _orders.All)
            if ((order.Live || order.Unanswered) && order.SyncedMs != snapshotMs && order.SentMs < snapshotMs - SyncGraceMs)
                (order.Live, order.Unanswered) = (false, false);
    }

    private void OnFill(ref MarketEvent e)
    {
        if ((e.Flags & EventFlags.Snapshot) != 0) return;
        ref var order = ref _orders.Find(in e);
        var known = !Unsafe.IsNullRef(ref order);
        var wasFlat = _position.IsFlat;
        var closed = _position.Apply(e.Side, e.Px.Raw, e.Sz.Raw, e.Fee, _nowMs);
        Stats.Fills++;
        if (known)
        {
            order.RemainingRaw -= e.Sz.Raw;
            if (order.RemainingRaw <= 0) (order.Live, order.Unanswered) = (false, false);
        }
        if (wasFlat && !_position.IsFlat)
        {
            _takeProfitAbandoned = false;
            _tripEntryPxRaw = e.Px.Raw;
            _tripMaxSizeRaw = 0;
            if (known && order.Role == OrderRole.Entry) Stats.EntriesFilled++;
        }
        _tripMaxSizeRaw = Math.Max(_tripMaxSizeRaw, Math.Abs(_position.SizeRaw));
        if (closed) OnTripClosed(known ? order.Reason : IntentReason.None);
        Stats.Position = Fixed8.ToDecimal(_position.SizeRaw);
        Stats.RealizedPnl = Fixed8.ToDouble(_position.RealizedRaw);
        Stats.Fees = Fixed8.ToDouble(_position.FeesRaw);
    }

    private void OnTripClosed(IntentReason reason)
    {
        Stats.Trades++;
        var pnl = _position.TripPnlRaw;
        if (pnl > 0) Stats.Wins++;
        var tickValue = Fixed8.ToDouble(_asset.TickAt(_tripEntryPxRaw)) * Fixed8.ToDouble(_tripMaxSizeRaw);
        if (tickValue > 0) _kelly.Record(Fixed8.ToDouble(pnl) / tickValue);
        Stats.KellyF = _kelly.Fraction;
        Stats.CountExit(reason);
        if (!_position.IsFlat)
        {
            // A fill flipped the position: a new trip starts at this fill.
            _tripEntryPxRaw = _position.AverageEntryRaw;
            _tripMaxSizeRaw = Math.Abs(_position.SizeRaw);
        }
    }

    private void Step()
    {
        var demand = _risk.Demand;
        var exitReason = _position.IsFlat ? IntentReason.None : ExitReason(demand);
        CancelWhatMustGo(demand, exitReason);
        if (!_position.IsFlat)
        {
            if ((demand & RiskDemand.HoldPosition) == 0) ManagePosition(demand, exitReason);
        }
        else if (_orders.LiveCount == 0 && !_orders.AnyUnanswered && (demand & RiskDemand.NoEntries) == 0) TryEnter();
    }

    private IntentReason ExitReason(RiskDemand demand)
    {
        if ((demand & RiskDemand.Flatten) != 0) return IntentReason.EquityStop;
        if (_nowMs - _position.OpenedMs >= _config.PositionTimeoutMs) return IntentReason.TimeoutExit;
        return AdverseTicks() >= _config.AdverseTicks ? IntentReason.AdverseExit : IntentReason.None;
    }

    /// <summary>How far the price we could exit at has moved against the average entry, in whole ticks at the entry price.</summary>
    public long AdverseTicks()
    {
        if (_position.IsFlat) return 0;
        var entry = _position.AverageEntryRaw;
        var exitPx = _position.SizeRaw > 0 ? _signals.BestBidRaw : _signals.BestAskRaw;
        if (exitPx <= 0 || entry <= 0) return 0;
        var against = _position.SizeRaw > 0 ? entry - exitPx : exitPx - entry;
        return against / _asset.TickAt(entry);
    }

    private void CancelWhatMustGo(RiskDemand demand, IntentReason exitReason)
    {
        if ((demand & RiskDemand.CancelWorking) != 0)
        {
            if (HasCancellable()) CancelAll(_risk.CancelReason);
            return;
        }
        foreach (ref var order in _orders.All)
        {
            if (!order.Live || order.CancelSent) continue;
            var reason = order.Role switch
            {
                OrderRole.Entry => EntryCancelReason(in order),
                OrderRole.TakeProfit => _position.IsFlat ? IntentReason.TakeProfit : exitReason,
                _ => IntentReason.None,
            };
            if (reason != IntentReason.None) Cancel(ref order, reason);
        }
    }

    private IntentReason EntryCancelReason(in TrackedOrder order)
    {
        if (!_position.IsFlat) return IntentReason.EntryRemainder;
        if (_nowMs - order.SentMs >= _config.EntryTimeoutMs) return IntentReason.EntryTimeout;
        return _trigger.Holds(in _signals, order.Side) ? IntentReason.None : IntentReason.EntryStale;
    }

    private bool HasCancellable()
    {
        foreach (ref readonly var order in _orders.All)
            if (order.Live && !order.CancelSent && order.Role != OrderRole.Exit) return true;
        return false;
    }

    private void CancelAll(IntentReason reason)
    {
        var intent = new OrderIntent { Kind = IntentKind.CancelAll, Coin = _coin, Reason = reason, DecisionTimeMs = _nowMs };
        if (!_risk.Submit(ref intent, _nowMs)) return;
        Stats.CountCancel(reason);
        foreach (ref var order in _orders.All)
            if (order.Live && order.Role != OrderRole.Exit) order.CancelSent = true;
    }

    private void Cancel(ref TrackedOrder order, IntentReason reason)
    {
        var intent = NewCancel(in order, reason);
        if (!_risk.Submit(ref intent, _nowMs)) return;
        order.CancelSent = true;
        Stats.CountCancel(reason);
    }

    private void ManagePosition(RiskDemand demand, IntentReason exitReason)
    {
        if (exitReason != IntentReason.None)
        {
            ref var exit = ref _orders.FindLive(OrderRole.Exit);
            if (!Unsafe.IsNullRef(ref exit) && AnswerLost(in exit)) (exit.Live, exit.Unanswered) = (false, true);
            if (Unsafe.IsNullRef(ref exit) || !exit.Live) SendExit(exitReason, MarketableExitPx());
            return;
        }
        if (_takeProfitAbandoned || (demand & RiskDemand.CancelWorking) != 0) return;
        if (!Unsafe.IsNullRef(ref _orders.FindLive(OrderRole.TakeProfit)) || !Unsafe.IsNullRef(ref _orders.FindLive(OrderRole.Exit))
            || !Unsafe.IsNullRef(ref _orders.FindLive(OrderRole.Entry))) return;
        PlaceTakeProfit();
    }

    /// <summary>
    /// Whether an exit still unanswered after exit_retry_s is presumed lost: a post is answered on the socket it went out on, so only a
    /// reconnect since it was sent loses the answer. On a socket that stayed up the answer is late, not lost, and a second IOC would
    /// meet a position the first already closed ("Reduce only order would increase position", counted against the exit's retries).
    /// </summary>
    private bool AnswerLost(in TrackedOrder exit)
    {
        var waited = _nowMs - exit.SentMs;
        return waited >= _config.ExitRetryMs && (_lastResetMs >= exit.SentMs || waited >= SilentSocketRetries * _config.ExitRetryMs);
    }

    private void PlaceTakeProfit()
    {
        var exitSide = _position.Side.Opposite();
        var px = TakeProfitPrice(_position.AverageEntryRaw, exitSide);
        if (px <= 0) return;

        // A take-profit the market already went through would be rejected as post-only: take it with an IOC at the touch instead.
        var touch = exitSide == Side.Sell ? _signals.BestBidRaw : _signals.BestAskRaw;
        if (touch > 0 && (exitSide == Side.Sell ? touch >= px : touch <= px))
        {
            SendExit(IntentReason.TakeProfit, touch);
            return;
        }
        Send(OrderRole.TakeProfit, IntentReason.TakeProfit, exitSide, Tif.Alo, reduceOnly: true, px, Math.Abs(_position.SizeRaw));
    }

    /// <summary>Entry ± the take-profit distance in ticks, on a valid price; 0 when there is none.</summary>
    private long TakeProfitPrice(long entryRaw, Side exitSide)
    {
        var px = exitSide == Side.Sell ? _asset.RoundPriceUp(entryRaw) : _asset.RoundPriceDown(entryRaw);
        for (var i = 0; i < _config.TakeProfitTicks && px > 0; i++) px = exitSide == Side.Sell ? _asset.TickUp(px) : _asset.TickDown(px);
        return px;
    }

    private long MarketableExitPx()
    {
        var sell = _position.SizeRaw > 0;
        var px = sell ? _signals.BestBidRaw : _signals.BestAskRaw;
        if (px <= 0) return 0;
        for (var i = 0; i < _config.ExitSlippageTicks && px > 0; i++) px = sell ? _asset.TickDown(px) : _asset.TickUp(px);
        return px;
    }

    private void SendExit(IntentReason reason, long px)
    {
        if (px <= 0) return;
        Send(OrderRole.Exit, reason, _position.Side.Opposite(), Tif.Ioc, reduceOnly: true, px, Math.Abs(_position.SizeRaw));
    }

    private void TryEnter()
    {
        if (!_trigger.TryGetEntrySide(in _signals, out var side)) return;
        var skip = EntryPrice(side, out var px, out var sz);
        if (skip != SkipReason.None)
        {
            Stats.CountSkip(skip);
            return;
        }
        if (!_backoff[(int)OrderRole.Entry].MayTry(_nowMs))
        {
            Stats.CountSkip(SkipReason.Backoff);
            return;
        }
        if (Send(OrderRole.Entry, IntentReason.Entry, side, Tif.Alo, reduceOnly: false, px, sz)) Stats.Entries++;
        else Stats.CountSkip(SkipReason.RiskVeto);
    }

    /// <summary>The entry one tick inside the spread on <paramref name="side"/> and its Kelly size, or why there is none.</summary>
    private SkipReason EntryPrice(Side side, out long px, out long sz)
    {
        sz = 0;
        var (bid, ask) = (_signals.BestBidRaw, _signals.BestAskRaw);
        if (_lastEntry.Side != side || _lastEntry.Bid != bid || _lastEntry.Ask != ask)
        {
            var entry = side == Side.Buy ? _asset.TickUp(_asset.RoundPriceDown(bid)) : _asset.TickDown(_asset.RoundPriceUp(ask));
            _lastEntry = (side, bid, ask, entry, side == Side.Buy ? entry < ask : entry > bid);
        }
        px = _lastEntry.Px;
        if (!_lastEntry.Inside) return SkipReason.SpreadTooNarrow;
        sz = _kelly.Size(px, Stats.Equity, _asset.SzDecimals, out var skip);
        return sz == 0 ? skip : SkipReason.None;
    }

    private OrderIntent NewCancel(in TrackedOrder order, IntentReason reason) => new()
    {
        Kind = IntentKind.CancelByCloid, Coin = _coin, Side = order.Side, Cloid = order.Cloid, Oid = order.Oid, Reason = reason,
        DecisionTimeMs = _nowMs,
    };

    private OrderIntent NewPlace(IntentReason reason, Side side, Tif tif, bool reduceOnly, long px, long sz) => new()
    {
        Kind = IntentKind.Place, Side = side, Tif = tif, ReduceOnly = reduceOnly, Reason = reason, Coin = _coin, Px = new Px(px),
        Sz = new Sz(sz), Cloid = Cloid.FromPrefix(_config.CloidPrefix, _cloidCounter + 1), DecisionTimeMs = _nowMs,
    };

    private bool Send(OrderRole role, IntentReason reason, Side side, Tif tif, bool reduceOnly, long px, long sz)
    {
        if (!_backoff[(int)role].MayTry(_nowMs))
        {
            Stats.HeldBack++;
            return false;
        }
        var intent = NewPlace(reason, side, tif, reduceOnly, px, sz);
        ref var order = ref _orders.Add();
        if (Unsafe.IsNullRef(ref order)) return false;
        if (!_risk.Submit(ref intent, _nowMs))
        {
            order = default;
            return false;
        }
        _cloidCounter++;
        order.Cloid = intent.Cloid;
        order.Role = role;
        order.Reason = reason;
        order.Side = side;
        order.PxRaw = px;
        order.OrigSzRaw = order.RemainingRaw = intent.Sz.Raw;
        order.SentMs = _nowMs;
        order.Live = true;
        return true;
    }
}
