namespace HlScalper.Replay.Exchange;

/// <summary>What the simulated exchange did over a run: the order-flow half of the summary.</summary>
public sealed class ExchangeCounters
{
    /// <summary>Place intents that reached the exchange.</summary>
    public long Placed;

    /// <summary>Placements whose reason was an entry.</summary>
    public long Entries;

    public long Rejected;

    /// <summary>Orders cancelled at our request (or the unfilled rest of an IOC).</summary>
    public long Cancels;

    /// <summary>Cancels that found no working order (it had filled or was already gone).</summary>
    public long CancelMisses;

    /// <summary>Fill events (a partial fill counts once per slice).</summary>
    public long Fills;

    /// <summary>Placed orders that filled at least partly.</summary>
    public long FilledOrders;

    public long MakerFills;

    /// <summary>Price × size of every fill, in raw units squared (1e16 per USDC): the volume filled, which is what fill models are compared by (a queue fill arrives in slices, so <see cref="Fills"/> counts more events for less volume).</summary>
    public Int128 FilledNotionalRaw;

    /// <summary>The part of <see cref="FilledNotionalRaw"/> that rested first (maker); the rest took liquidity. Fees at any other rate follow from the two.</summary>
    public Int128 MakerNotionalRaw;

    public long TakerFills;
}
