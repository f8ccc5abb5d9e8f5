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

    /// <summary>Announces that the next <paramref name="count"/> claim/publish pairs are the events of one message, so a ring sink may
    /// claim them at once and make them visible together at the last publish; the caller must then make exactly that many. By default
    /// nothing changes: each event stands alone.</summary>
    /// <remarks>A default method, so the many sinks that do not batch need nothing. Called through the generic constraint on a struct,
    /// optimised code binds it directly and drops the box (0 B, measured); tier-0 code boxes it (24 B a call) until the caller is
    /// re-jitted, which is why the sinks of the allocation-tested live path (<see cref="RingEventSink"/>) implement it.</remarks>
    void Reserve(int count)
    {
    }
}
