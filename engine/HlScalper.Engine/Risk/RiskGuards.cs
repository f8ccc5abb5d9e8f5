using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Risk;

/// <summary>
/// The safety rails between the strategy and the order sink: every intent passes <see cref="Submit"/>, which may veto or shrink it;
/// <see cref="Demand"/> tells the strategy what the guards require (no entries, cancel working orders, flatten).
/// </summary>
/// <remarks>
/// Guards: max position notional, max open orders, the rolling-second cancel throttle, the equity stop
/// (drawdown from the UTC day's peak → cancel, flatten, halt, alarm, stop once flat), the stale-feed guard,
/// the dead-man guard and the kill switch. State changes only on the engine thread, from events.
/// </remarks>
public sealed class RiskGuards
{
    private const long DayMs = 86_400_000;

    private readonly RiskConfig _config;
    private readonly AssetMeta _asset;
    private readonly double _minNotionalUsd;
    private readonly ushort _coin;
    private readonly PositionTracker _position;
    private readonly OrderTable _orders;
    private readonly IOrderSink _sink;
    private readonly IAlarmSink _alarms;
    private readonly EngineStats _stats;
    private readonly CancelThrottle _throttle;

    private long _lastBookMs;
    private bool _staleSignalled;
    private bool _staleAlarmed;
    private bool _deadManAlarmed;
    private double _equityBase;
    private long _pnlAtBaseRaw;
    private double _reportedEquity;
    private bool _rebase;
    private long _day = long.MinValue;
    private bool _equityKnown;
    private long _equityPnlRaw;
    private double _equity;
    private bool _drawdownKnown;
    private long _drawdownPeakBits;
    private long _drawdownEquityBits;
    private double _drawdown;

    public RiskGuards(RiskConfig config, AssetMeta asset, double minNotionalUsd, ushort coin, PositionTracker position, OrderTable orders,
        IOrderSink sink, IAlarmSink alarms, EngineStats stats)
    {
        _config = config;
        _asset = asset;
        _minNotionalUsd = minNotionalUsd;
        _coin = coin;
        _position = position;
        _orders = orders;
        _sink = sink;
        _alarms = alarms;
        _stats = stats;
        _throttle = new CancelThrottle(config.MaxCancelsPerSecond);
        _equityBase = config.StartingEquityUsd;
        stats.Equity = stats.PeakEquity = _equityBase;
    }

    public bool IsStale { get; private set; }

    public bool DeadManFailing { get; private set; }

    public int DeadManFailures { get; private set; }

    public bool KillSwitch { get; private set; }

    public bool ShuttingDown { get; private set; }

    /// <summary>The shutdown handed the position to the close-out, which flattens it (<see cref="ControlCode.Shutdown"/> with a value of 1).</summary>
    public bool HandedOver { get; private set; }

    /// <summary>The equity stop fired: cancelling, flattening, no entries ever again.</summary>
    public bool EquityStopped { get; private set; }

    /// <summary>After the equity stop, once flat with nothing working: the engine sends nothing more.</summary>
    public bool Stopped { get; private set; }

    public CancelThrottle Throttle => _throttle;

    public RiskDemand Demand
    {
        get
        {
            if (HandedOver) return RiskDemand.NoEntries | RiskDemand.CancelWorking | RiskDemand.HoldPosition;
            if (EquityStopped) return RiskDemand.NoEntries | RiskDemand.CancelWorking | RiskDemand.Flatten;
            if (KillSwitch || ShuttingDown || IsStale) return RiskDemand.NoEntries | RiskDemand.CancelWorking;
            return DeadManFailing ? RiskDemand.NoEntries : RiskDemand.None;
        }
    }

    /// <summary>The reason carried by cancels the guards demand.</summary>
    public IntentReason CancelReason =>
        EquityStopped ? IntentReason.EquityStop
        : KillSwitch ? IntentReason.KillSwitch
        : ShuttingDown ? IntentReason.Shutdown
        : IntentReason.StaleFeed;

    /// <summary>Book updates of our coin: the stale guard's heartbeat.</summary>
    public void OnBook(long timeMs)
    {
        _lastBookMs = timeMs;
        _staleSignalled = false;
    }

    /// <summary>Operational signals from the ring (feed, dead-man, kill switch, equity, shutdown).</summary>
    public void OnControl(ref readonly MarketEvent e, long nowMs)
    {
        switch (e.Control)
        {
            case ControlCode.FeedStale:
                _staleSignalled = true;
                break;
            case ControlCode.DeadManFailed:
                DeadManFailing = true;
                DeadManFailures = (int)Math.Min(e.Value, int.MaxValue);
                if (DeadManFailures > _config.DeadManFailuresBeforeAlarm && !_deadManAlarmed)
                {
                    _deadManAlarmed = true;
                    _alarms.Raise(new Alarm(AlarmKind.DeadManFailures, _coin, nowMs, DeadManFailures));
                }
                break;
            case ControlCode.DeadManOk:
                DeadManFailing = false;
                DeadManFailures = 0;
                _deadManAlarmed = false;
                break;
            case ControlCode.KillSwitch:
                if (!KillSwitch) _alarms.Raise(new Alarm(AlarmKind.KillSwitch, _coin, nowMs, 0));
                KillSwitch = true;
                break;
            case ControlCode.Equity:
                _reportedEquity = Fixed8.ToDouble(e.Value);
                _rebase = true;
                break;
            case ControlCode.Shutdown:
                ShuttingDown = true;
                HandedOver |= e.Value != 0;
                break;
        }
    }

    /// <summary>Re-evaluates the time- and equity-based guards at <paramref name="nowMs"/>, marking the position at <paramref name="markRaw"/> (0 = unknown).</summary>
    public void Evaluate(long nowMs, long markRaw)
    {
        var silentMs = _lastBookMs > 0 ? nowMs - _lastBookMs : 0;
        IsStale = _staleSignalled || silentMs > _config.StaleFeedMs;
        if (IsStale && !_staleAlarmed)
        {
            _staleAlarmed = true;
            _alarms.Raise(new Alarm(AlarmKind.StaleFeed, _coin, nowMs, silentMs));
        }
        else if (!IsStale) _staleAlarmed = false;

        if (_rebase)
        {
            // The reported equity already holds the open position's PnL at this mark: only later changes are added to it.
            _rebase = false;
            _equityBase = _reportedEquity - Fixed8.ToDouble(_position.UnrealizedRaw(markRaw));
            _pnlAtBaseRaw = _position.RealizedRaw - _position.FeesRaw;
            _equityKnown = false;
        }
        // Equity and drawdown are a division each, on every event. They change only when the PnL (a fill, or the mark while a
        // position is open) or the peak does, so most events take the values of the event before: the same inputs, bit for bit.
        var pnlRaw = _position.RealizedRaw - _position.FeesRaw - _pnlAtBaseRaw + _position.UnrealizedRaw(markRaw);
        if (!_equityKnown || pnlRaw != _equityPnlRaw)
        {
            (_equity, _equityPnlRaw, _equityKnown) = (_equityBase + Fixed8.ToDouble(pnlRaw), pnlRaw, true);
        }
        var equity = _equity;
        var day = nowMs / DayMs;
        if (day != _day)
        {
            _day = day;
            _stats.PeakEquity = equity;
        }
        if (equity > _stats.PeakEquity) _stats.PeakEquity = equity;
        _stats.Equity = equity;
        if (!EquityStopped && Drawdown(_stats.PeakEquity, equity) > _config.MaxDrawdownFraction)
        {
            EquityStopped = true;
            _alarms.Raise(new Alarm(AlarmKind.EquityStop, _coin, nowMs, _drawdown));
        }
        if (EquityStopped && _position.IsFlat && _orders.LiveCount == 0) Stopped = true;
    }

    /// <summary>(peak − equity) / peak, the division done again only when either value differs in any bit from the call before.</summary>
    private double Drawdown(double peak, double equity)
    {
        var (peakBits, equityBits) = (BitConverter.DoubleToInt64Bits(peak), BitConverter.DoubleToInt64Bits(equity));
        if (!_drawdownKnown || peakBits != _drawdownPeakBits || equityBits != _drawdownEquityBits)
        {
            (_drawdown, _drawdownPeakBits, _drawdownEquityBits, _drawdownKnown) = ((peak - equity) / peak, peakBits, equityBits, true);
        }
        return _drawdown;
    }

    /// <summary>Checks <paramref name="intent"/> against every guard, shrinking its size where allowed, and sends it; false when vetoed.</summary>
    public bool Submit(ref OrderIntent intent, long nowMs)
    {
        var veto = Check(ref intent, nowMs);
        if (veto != VetoReason.None)
        {
            _stats.CountVeto(veto);
            return false;
        }
        _sink.Submit(in intent);
        return true;
    }

    private VetoReason Check(ref OrderIntent intent, long nowMs)
    {
        if (Stopped) return VetoReason.Stopped;
        if (intent.Kind != IntentKind.Place) return _throttle.TrySpend(nowMs) ? VetoReason.None : VetoReason.CancelThrottle;
        return intent.ReduceOnly ? CheckReduceOnly(ref intent) : CheckEntry(ref intent);
    }

    private VetoReason CheckEntry(ref OrderIntent intent)
    {
        if ((Demand & RiskDemand.NoEntries) != 0) return VetoReason.EntriesHalted;
        if (_orders.LiveCount >= _config.MaxOpenOrders) return VetoReason.MaxOpenOrders;

        var px = intent.Px.Raw;
        var lot = PriceRules.LotSize(_asset.SzDecimals);
        var maxAbs = PriceRules.RoundSizeDown((long)(_config.MaxPositionNotionalUsd / Fixed8.ToDouble(px) * Fixed8.Scale), _asset.SzDecimals);
        while (maxAbs > 0 && KellySizer.NotionalUsd(px, maxAbs) > _config.MaxPositionNotionalUsd) maxAbs -= lot;
        var signed = intent.Side == Side.Buy ? intent.Sz.Raw : -intent.Sz.Raw;
        if (Math.Abs(_position.SizeRaw + signed) <= maxAbs) return VetoReason.None;

        var room = intent.Side == Side.Buy ? maxAbs - _position.SizeRaw : maxAbs + _position.SizeRaw;
        if (room <= 0 || KellySizer.NotionalUsd(px, room) < _minNotionalUsd) return VetoReason.MaxPositionNotional;
        _stats.CountVeto(VetoReason.MaxPositionNotional);
        intent.Sz = new Sz(room);
        return VetoReason.None;
    }

    private VetoReason CheckReduceOnly(ref OrderIntent intent)
    {
        var pos = _position.SizeRaw;
        if (pos == 0 || (pos > 0) == (intent.Side == Side.Buy)) return VetoReason.ReduceOnlyTooLarge;
        if (intent.Sz.Raw > Math.Abs(pos)) intent.Sz = new Sz(Math.Abs(pos));
        return VetoReason.None;
    }
}
