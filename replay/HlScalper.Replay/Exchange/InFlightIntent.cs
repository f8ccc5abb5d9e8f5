using HlScalper.Engine.Orders;

namespace HlScalper.Replay.Exchange;

/// <summary>An intent on its way to the simulated exchange: it acts at <see cref="ArrivalMs"/>.</summary>
internal struct InFlightIntent
{
    public OrderIntent Intent;
    public long ArrivalMs;
}
