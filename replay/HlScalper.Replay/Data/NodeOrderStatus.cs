using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data;

/// <summary>One <c>node_order_statuses</c> event: an order's status change, with the order as it stands.</summary>
public readonly record struct NodeOrderStatus(NodeBlock Block, long Oid, OrderStatus Status, Side Side, long LimitPxRaw, long SzRaw, long OrigSzRaw, long TimestampMs);
