using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Actions;

/// <summary>The order a modify replaces: an exchange oid (written as an integer) or a cloid (written as its hex string).</summary>
public readonly record struct ModifyTarget(long Oid, Cloid Cloid, bool IsCloid)
{
    public static ModifyTarget ByOid(long oid) => new(oid, default, false);

    public static ModifyTarget ByCloid(Cloid cloid) => new(0, cloid, true);

    public void Write<TWriter>(ref TWriter writer) where TWriter : IActionWriter, allows ref struct
    {
        if (IsCloid) ActionFields.Cloid(ref writer, Cloid);
        else writer.Integer(Oid);
    }
}
