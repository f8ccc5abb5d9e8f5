namespace HlScalper.Engine.Events;

/// <summary>Where a producer (codec, replay reader, simulated exchange) writes events: claim a slot, fill it in place, publish.</summary>
/// <remarks>
/// Producers are generic over <c>TSink : struct, IMarketEventSink</c> and take it by <c>ref</c>, so the
/// same parser writes into the live ring, a preloaded array or a test list with direct, inlinable calls.
/// Every claim must be followed by exactly one publish before the next claim.
/// </remarks>
public interface IMarketEventSink
{
    /// <summary>A slot to write the next event into (its previous contents are stale: call <see cref="MarketEvent.Reset"/>).</summary>
    ref MarketEvent Claim();

    /// <summary>Makes the claimed slot visible to consumers.</summary>
    void Publish();
}
