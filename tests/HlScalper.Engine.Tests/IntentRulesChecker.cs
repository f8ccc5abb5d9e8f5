using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Scripted;

namespace HlScalper.Engine.Tests;

/// <summary>
/// Watches every intent a <see cref="StrategyWorkload"/>'s handler sends, at the moment it is sent, and checks it against the
/// playbook's rules (§3, §7) using the exchange's view of orders and position; throws on the first violation
/// (plain asserts: CsCheck runs samples on several threads, where NUnit's Assert.Multiple cannot be used).
/// </summary>
public sealed class IntentRulesChecker : IOrderSink
{
    private readonly StrategyWorkload _w;
    private readonly StrategyConfig _s;
    private readonly AssetMeta _asset;
    private bool _stopSeen;

    public IntentRulesChecker(StrategyWorkload workload)
    {
        _w = workload;
        _asset = workload.Market.Asset;
        _s = workload.Config.Strategy;
        workload.Exchange.Observer = this;
    }

    public List<long> CancelTimes { get; } = [];

    public Dictionary<IntentReason, int> PlacesByReason { get; } = [];

    public void Submit(in OrderIntent intent)
    {
        var now = _w.TimeMs;
        Assert.That(intent.DecisionTimeMs, Is.EqualTo(now), "decision time is the event time");
        if (intent.Kind != IntentKind.Place)
        {
            CancelTimes.Add(now);
            return;
        }
        PlacesByReason[intent.Reason] = PlacesByReason.GetValueOrDefault(intent.Reason) + 1;
        Assert.That(intent.Cloid.HasPrefix(_s.CloidPrefix), Is.True, $"cloid prefix: {intent}");
        Assert.That(PriceRules.IsValid(intent.Px.Raw, _asset.SzDecimals), Is.True, $"valid price: {intent}");
        Assert.That(PriceRules.IsValidSize(intent.Sz.Raw, _asset.SzDecimals), Is.True, $"lot-rounded size: {intent}");
        if (intent.ReduceOnly) CheckExit(in intent, now);
        else CheckEntry(intent);
    }

    /// <summary>After every step: a position past its timeout, 4+ ticks under water or caught by the equity stop has an exit on its way.</summary>
    public void CheckNotHeldPastLimits()
    {
        var x = _w.Exchange;
        if (x.PositionRaw == 0 || _w.Runner.Risk.Stopped) return;
        var overdue = _w.TimeMs - x.OpenedMs >= _s.PositionTimeoutMs;
        var adverse = AdverseTicks() >= _s.AdverseTicks;
        var stopped = _w.Runner.Risk.EquityStopped;
        // A refused exit waits out its backoff (RefusalBackoff) before the next one goes: no exit works meanwhile, by design.
        var backingOff = !_w.Runner.Backoff(OrderRole.Exit).MayTry(_w.Runner.NowMs);
        if ((overdue || adverse || stopped) && !backingOff)
            Assert.That(x.HasLiveExit, Is.True, $"position {x.PositionRaw} held {_w.TimeMs - x.OpenedMs} ms, {AdverseTicks()} ticks adverse, stop={stopped}, with no exit working");
    }

    private void CheckEntry(OrderIntent intent)
    {
        var book = _w.Runner.Book;
        var bid = book.BestBid.Raw;
        var ask = book.BestAsk.Raw;
        Assert.That(intent.Reason, Is.EqualTo(IntentReason.Entry));
        Assert.That(intent.Tif, Is.EqualTo(Tif.Alo), "entries are post-only");
        Assert.That(_stopSeen || _w.Runner.Risk.EquityStopped, Is.False, "no entry after the equity stop");
        Assert.That(_w.Exchange.LiveCount, Is.Zero, "slot: no other order working");
        Assert.That(_w.Exchange.PositionRaw, Is.Zero, "slot: no open position");
        Assert.That(book.IsTrusted && book.HasTwoSides, Is.True, "entries only on a trusted two-sided book");
        Assert.That(book.SpreadBps, Is.LessThan(_s.MaxSpreadBps));
        if (intent.Side == Side.Buy)
        {
            Assert.That(intent.Px.Raw, Is.EqualTo(PriceRules.TickUp(bid, _asset.SzDecimals)), "one tick above the best bid");
            Assert.That(intent.Px.Raw, Is.LessThan(ask), "strictly inside: never crossing");
            Assert.That(book.Imbalance(_s.ImbalanceLevels), Is.GreaterThan(_s.ImbalanceThreshold));
            Assert.That(_w.Runner.Signals.Momentum, Is.GreaterThan(0));
        }
        else
        {
            Assert.That(intent.Px.Raw, Is.EqualTo(PriceRules.TickDown(ask, _asset.SzDecimals)), "one tick below the best ask");
            Assert.That(intent.Px.Raw, Is.GreaterThan(bid), "strictly inside: never crossing");
            Assert.That(book.Imbalance(_s.ImbalanceLevels), Is.LessThan(1 - _s.ImbalanceThreshold));
            Assert.That(_w.Runner.Signals.Momentum, Is.LessThan(0));
        }
        var notional = Sz.Notional(intent.Px, intent.Sz);
        Assert.That(notional, Is.GreaterThanOrEqualTo(10m), "at least the 10 USDC minimum");
        Assert.That((double)notional, Is.LessThanOrEqualTo(_s.MaxEquityFraction * _w.Runner.Stats.Equity + 1e-9), "at most 0.5 % of equity");
    }

    private void CheckExit(in OrderIntent intent, long now)
    {
        var x = _w.Exchange;
        var pos = x.PositionRaw;
        if (_w.Runner.Risk.EquityStopped) _stopSeen = true;
        Assert.That(pos, Is.Not.Zero, $"reduce-only order with no position: {intent}");
        Assert.That(intent.Side, Is.EqualTo(pos > 0 ? Side.Sell : Side.Buy), "exits reduce");
        Assert.That(intent.Sz.Raw, Is.LessThanOrEqualTo(Math.Abs(pos)), "never more than the position");
        var avg = (long)((Int128)x.CostRaw * Fixed8.Scale / Math.Abs(pos));
        var sell = pos > 0;
        var tp = sell ? PriceRules.RoundUp(avg, _asset.SzDecimals) : PriceRules.RoundDown(avg, _asset.SzDecimals);
        for (var i = 0; i < _s.TakeProfitTicks; i++) tp = sell ? PriceRules.TickUp(tp, _asset.SzDecimals) : PriceRules.TickDown(tp, _asset.SzDecimals);
        var touch = sell ? _w.Market.BidRaw : _w.Market.AskRaw;
        switch (intent.Reason)
        {
            case IntentReason.TakeProfit when intent.Tif == Tif.Alo:
                Assert.That(intent.Px.Raw, Is.EqualTo(tp), "take-profit at entry ± 2 ticks");
                break;
            case IntentReason.TakeProfit:
                Assert.That(intent.Tif, Is.EqualTo(Tif.Ioc));
                Assert.That(sell ? touch >= tp : touch <= tp, Is.True, "an IOC take-profit only when the touch is already past the target");
                Assert.That(intent.Px.Raw, Is.EqualTo(touch));
                break;
            case IntentReason.TimeoutExit:
                Assert.That(now - x.OpenedMs, Is.GreaterThanOrEqualTo(_s.PositionTimeoutMs), "timeout exit only after the timeout");
                break;
            case IntentReason.AdverseExit:
                Assert.That(AdverseTicks(), Is.GreaterThanOrEqualTo(_s.AdverseTicks), "adverse exit only when 4+ ticks under water");
                break;
            case IntentReason.EquityStop:
                Assert.That(_w.Runner.Risk.EquityStopped, Is.True);
                break;
            default:
                Assert.Fail($"reduce-only order with an unexpected reason: {intent}");
                break;
        }
        if (intent.Tif == Tif.Ioc)
            Assert.That(sell ? intent.Px.Raw <= touch : intent.Px.Raw >= touch, Is.True, $"IOC exit marketable: {intent} touch {touch}");
    }

    private long AdverseTicks()
    {
        var x = _w.Exchange;
        var pos = x.PositionRaw;
        if (pos == 0) return 0;
        var avg = (long)((Int128)x.CostRaw * Fixed8.Scale / Math.Abs(pos));
        var against = pos > 0 ? avg - _w.Market.BidRaw : _w.Market.AskRaw - avg;
        return against / PriceRules.TickAt(avg, _asset.SzDecimals);
    }
}
