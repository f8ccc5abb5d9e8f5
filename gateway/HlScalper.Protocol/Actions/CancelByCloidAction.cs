using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"cancelByCloid","cancels":[{"asset","cloid"},...],"f"?:true}</c>.</summary>
public sealed class CancelByCloidAction(CloidCancelWire[] cancels, bool fast = false) : ExchangeAction
{
    public CloidCancelWire[] Cancels { get; } = cancels;

    public int Count { get; set; } = cancels.Length;

    /// <summary>The "fast" flag; the key must be absent, not false, when off.</summary>
    public bool Fast { get; set; } = fast;

    public override string Type => "cancelByCloid";

    public override int BatchLength => Count;

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(Fast ? 3 : 2);
        ActionFields.Type(ref writer, "cancelByCloid"u8);
        writer.Key("cancels"u8);
        writer.BeginArray(Count);
        for (var i = 0; i < Count; i++)
        {
            writer.BeginMap(2);
            writer.Key("asset"u8);
            writer.Integer(Cancels[i].Asset);
            writer.Key("cloid"u8);
            ActionFields.Cloid(ref writer, Cancels[i].Cloid);
            writer.EndMap();
        }
        writer.EndArray();
        ActionFields.TrueFlag(ref writer, "f"u8, Fast);
        writer.EndMap();
    }
}
