using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data;

/// <summary>One resting order of an L4 snapshot.</summary>
/// <param name="TimestampMs">When the order was placed (its time priority within the level).</param>
public readonly record struct SnapshotOrder(long Oid, Side Side, long PxRaw, long SzRaw, long TimestampMs);
