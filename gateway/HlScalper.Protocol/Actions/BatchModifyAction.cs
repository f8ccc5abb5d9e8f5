namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"batchModify","modifies":[{"oid","order"},...],"a"?:true}</c>.</summary>
public sealed class BatchModifyAction(ModifyWire[] modifies, bool alwaysPlace = false) : ExchangeAction
{
    public ModifyWire[] Modifies { get; } = modifies;

    public int Count { get; set; } = modifies.Length;

    /// <summary>The "always place" flag; the key must be absent, not false, when off.</summary>
    public bool AlwaysPlace { get; set; } = alwaysPlace;

    public override string Type => "batchModify";

    public override int BatchLength => Count;

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(AlwaysPlace ? 3 : 2);
        ActionFields.Type(ref writer, "batchModify"u8);
        writer.Key("modifies"u8);
        writer.BeginArray(Count);
        for (var i = 0; i < Count; i++)
        {
            writer.BeginMap(2);
            writer.Key("oid"u8);
            Modifies[i].Target.Write(ref writer);
            writer.Key("order"u8);
            Modifies[i].Order.Write(ref writer);
            writer.EndMap();
        }
        writer.EndArray();
        ActionFields.TrueFlag(ref writer, "a"u8, AlwaysPlace);
        writer.EndMap();
    }
}
