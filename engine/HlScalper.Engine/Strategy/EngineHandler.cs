using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Strategy;

/// <summary>The engine's ring consumer for one coin: hands every event to its <see cref="SlotRunner"/> (book, signals, strategy, risk).</summary>
/// <remarks>
/// A struct so <see cref="BatchEventProcessor{T, THandler}"/> inlines the call; the processor copies it, so all
/// state lives in the runner it references and stays observable through <see cref="Runner"/>.
/// </remarks>
public readonly struct EngineHandler(SlotRunner runner) : IEventHandler<MarketEvent>
{
    public EngineHandler(AssetMeta asset, ushort coin, EngineConfig config, IOrderSink orders, IAlarmSink? alarms = null, ulong cloidStart = 0)
        : this(new SlotRunner(asset, coin, config, orders, alarms, cloidStart))
    {
    }

    public SlotRunner Runner => runner;

    public EngineStats Stats => runner.Stats;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => runner.OnEvent(ref data);

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnTimeout(long sequence)
    {
    }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
    }
}
