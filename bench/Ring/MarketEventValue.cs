using HlScalper.Engine.Events;

namespace HlScalper.Bench.Ring;

/// <summary><see cref="MarketEvent.Value"/>, for the generic ring benchmarks at the engine's own event size.</summary>
public struct MarketEventValue : IEventValue<MarketEvent>
{
    public static ref long Of(ref MarketEvent data) => ref data.Value;
}
