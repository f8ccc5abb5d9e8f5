using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>A real <see cref="SlotRunner"/> for BTC (tick 1 at these prices) with recording sinks, and the usual openings of a scenario.</summary>
public sealed class ScenarioHarness
{
    public const long T0 = 1_700_000_000_000;

    /// <param name="settings">key=value overrides; the stale-feed guard defaults to 60 s here so exit scenarios can use a quiet market (its own tests set it).</param>
    public ScenarioHarness(params string[] settings)
    {
        Config = new EngineConfig().With("stale_s=60").With(settings);
        Runner = new SlotRunner(AssetMeta.BtcPerp, 0, Config, Orders, Alarms);
    }

    public EngineConfig Config { get; }

    public RecordingOrderSink Orders { get; } = new();

    public RecordingAlarmSink Alarms { get; } = new();

    public SlotRunner Runner { get; }

    public EngineStats Stats => Runner.Stats;

    public void Feed(MarketEvent e) => Runner.OnEvent(ref e);

    /// <summary>Two bid-heavy books a second apart with a rising mid: the long trigger holds after the second; returns the entry sent (if any).</summary>
    public OrderIntent? TriggerLong(long t = T0, decimal bid = 90_000m, decimal spread = 4m)
    {
        Feed(StrategyEvents.Book(t, bid, bid + spread, bidSz: 3m));
        Feed(StrategyEvents.Book(t + 1_000, bid + 2, bid + 2 + spread, bidSz: 3m));
        return Orders.Places.Where(o => o.Reason == IntentReason.Entry).Cast<OrderIntent?>().LastOrDefault();
    }

    /// <summary>Two ask-heavy books with a falling mid: the short trigger.</summary>
    public OrderIntent? TriggerShort(long t = T0, decimal bid = 90_000m, decimal spread = 4m)
    {
        Feed(StrategyEvents.Book(t, bid, bid + spread, askSz: 3m));
        Feed(StrategyEvents.Book(t + 1_000, bid - 2, bid - 2 + spread, askSz: 3m));
        return Orders.Places.Where(o => o.Reason == IntentReason.Entry).Cast<OrderIntent?>().LastOrDefault();
    }

    /// <summary>Triggers a long, acks it and fills it completely at <paramref name="fillMs"/>; returns the entry.</summary>
    public OrderIntent OpenLong(long fillMs = T0 + 1_500)
    {
        var entry = TriggerLong() ?? throw new AssertionException("the long trigger sent no entry");
        Feed(StrategyEvents.Update(T0 + 1_100, entry, OrderStatus.Open, oid: 11));
        Feed(StrategyEvents.Fill(fillMs, entry));
        Feed(StrategyEvents.Update(fillMs, entry, OrderStatus.Filled, oid: 11));
        return entry;
    }

    public IEnumerable<OrderIntent> PlacesFor(IntentReason reason) => Orders.Places.Where(o => o.Reason == reason);
}
