using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.LocalExchange.Accounts;

/// <summary>What the exchange remembers about one order of an account, for <c>openOrders</c>, <c>frontendOpenOrders</c> and <c>orderStatus</c>.</summary>
public sealed class OrderRecord
{
    public required long Oid { get; init; }

    public required ushort Coin { get; init; }

    public required Side Side { get; init; }

    public required long LimitPxRaw { get; init; }

    public required long OrigSzRaw { get; init; }

    public required Tif Tif { get; init; }

    public required bool ReduceOnly { get; init; }

    public Cloid Cloid { get; init; }

    public required long TimestampMs { get; init; }

    public long RemainingRaw { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Open;

    public long StatusTimestampMs { get; set; }
}
