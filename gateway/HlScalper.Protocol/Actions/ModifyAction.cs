namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"modify","oid":oid|cloid,"order":OrderWire,"a"?:true}</c>.</summary>
public sealed class ModifyAction(ModifyTarget target, OrderWire order, bool alwaysPlace = false) : ExchangeAction
{
    public ModifyTarget Target { get; set; } = target;

    public OrderWire Order { get; set; } = order;

    /// <summary>The "always place" flag; the key must be absent, not false, when off.</summary>
    public bool AlwaysPlace { get; set; } = alwaysPlace;

    public override string Type => "modify";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(AlwaysPlace ? 4 : 3);
        ActionFields.Type(ref writer, "modify"u8);
        writer.Key("oid"u8);
        Target.Write(ref writer);
        writer.Key("order"u8);
        Order.Write(ref writer);
        ActionFields.TrueFlag(ref writer, "a"u8, AlwaysPlace);
        writer.EndMap();
    }
}
