namespace HlScalper.Protocol.Actions;

/// <summary>One cancel by exchange order id: <c>{"a":asset,"o":oid}</c>.</summary>
public record struct CancelWire(int Asset, long Oid);
