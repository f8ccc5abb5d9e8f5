namespace HlScalper.Protocol.Actions;

/// <summary>One entry of a batch modify: <c>{"oid":oid|cloid,"order":OrderWire}</c>.</summary>
public record struct ModifyWire(ModifyTarget Target, OrderWire Order);
