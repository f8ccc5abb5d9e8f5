namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"cancel","cancels":[{"a","o"},...],"f"?:true}</c>.</summary>
public sealed class CancelAction(CancelWire[] cancels, bool fast = false) : ExchangeAction
{
    public CancelWire[] Cancels { get; } = cancels;

    public int Count { get; set; } = cancels.Length;

    /// <summary>The "fast" flag; the key must be absent, not false, when off.</summary>
    public bool Fast { get; set; } = fast;

    public override string Type => "cancel";

    public override int BatchLength => Count;

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(Fast ? 3 : 2);
        ActionFields.Type(ref writer, "cancel"u8);
        writer.Key("cancels"u8);
        writer.BeginArray(Count);
        for (var i = 0; i < Count; i++)
        {
            writer.BeginMap(2);
            writer.Key("a"u8);
            writer.Integer(Cancels[i].Asset);
            writer.Key("o"u8);
            writer.Integer(Cancels[i].Oid);
            writer.EndMap();
        }
        writer.EndArray();
        ActionFields.TrueFlag(ref writer, "f"u8, Fast);
        writer.EndMap();
    }
}
