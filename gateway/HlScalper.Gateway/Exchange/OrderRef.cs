using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Gateway.Exchange;

/// <summary>What the engine asked for in one order of an action, so a response status can be turned into an event about it.</summary>
public record struct OrderRef(ushort Coin, Cloid Cloid, Side Side, Px Px, Sz Sz);
