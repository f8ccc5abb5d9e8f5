using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Actions;

/// <summary>One cancel by client order id: <c>{"asset":asset,"cloid":"0x…"}</c>.</summary>
public record struct CloidCancelWire(int Asset, Cloid Cloid);
