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

    public long TakerFills;

    public void Clear()
    {
        Placed = Entries = Rejected = Cancels = CancelMisses = Fills = FilledOrders = MakerFills = TakerFills = 0;
    }
}
