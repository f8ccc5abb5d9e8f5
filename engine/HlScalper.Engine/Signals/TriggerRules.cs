using HlScalper.Engine.Events;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Signals;

/// <summary>The playbook's trigger: imbalance past the threshold, spread under the cap, momentum in the same direction.</summary>
public readonly struct TriggerRules(double imbalanceThreshold, double maxSpreadBps, TradeDirection direction)
{
    public TriggerRules(StrategyConfig config) : this(config.ImbalanceThreshold, config.MaxSpreadBps, config.Direction)
    {
    }

    /// <summary>True when the signals call for an entry on <paramref name="side"/> now.</summary>
    public bool Holds(in SignalState s, Side side)
    {
        if (!s.IsValid || !(s.SpreadBps < maxSpreadBps)) return false;
        return side == Side.Buy
            ? direction != TradeDirection.ShortOnly && s.Imbalance > imbalanceThreshold && s.Momentum > 0
            : direction != TradeDirection.LongOnly && s.Imbalance < 1 - imbalanceThreshold && s.Momentum < 0;
    }

    /// <summary>The side to enter on, if any (both cannot hold at once: the imbalance thresholds exclude each other above 0.5).</summary>
    public bool TryGetEntrySide(in SignalState s, out Side side)
    {
        side = Side.Buy;
        if (Holds(in s, Side.Buy)) return true;
        side = Side.Sell;
        return Holds(in s, Side.Sell);
    }
}
