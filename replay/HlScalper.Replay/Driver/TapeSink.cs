using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>The <see cref="IMarketEventSink"/> face of a <see cref="TapeBuilder"/>.</summary>
public readonly struct TapeSink(TapeBuilder builder) : IMarketEventSink
{
    public ref MarketEvent Claim() => ref builder.ClaimSlot();

    public void Publish() => builder.PublishSlot();
}
