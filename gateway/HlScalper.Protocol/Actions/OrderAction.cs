using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"order","orders":[...],"grouping":"na","builder"?:{"b","f"}}</c>.</summary>
public sealed class OrderAction : ExchangeAction
{
    /// <param name="orders">The batch; only the first <see cref="Count"/> entries are sent, so a preallocated array can be refilled.</param>
    public OrderAction(OrderWire[] orders, Grouping grouping = Grouping.Na)
    {
        Orders = orders;
        Count = orders.Length;
        Grouping = grouping;
    }

    public OrderWire[] Orders { get; }

    public int Count { get; set; }

    public Grouping Grouping { get; set; }

    /// <summary>Builder address and fee (tenths of a basis point); the key is omitted when null.</summary>
    public (EthAddress Address, int Fee)? Builder { get; set; }

    public override string Type => "order";

    public override int BatchLength => Count;

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(Builder.HasValue ? 4 : 3);
        ActionFields.Type(ref writer, "order"u8);
        writer.Key("orders"u8);
        writer.BeginArray(Count);
        for (var i = 0; i < Count; i++) Orders[i].Write(ref writer);
        writer.EndArray();
        writer.Key("grouping"u8);
        writer.String(Grouping switch { Grouping.Na => "na"u8, Grouping.NormalTpsl => "normalTpsl"u8, _ => "positionTpsl"u8 });
        if (Builder is { } builder)
        {
            writer.Key("builder"u8);
            writer.BeginMap(2);
            writer.Key("b"u8);
            ActionFields.Address(ref writer, builder.Address);
            writer.Key("f"u8);
            writer.Integer(builder.Fee);
            writer.EndMap();
        }
        writer.EndMap();
    }
}
