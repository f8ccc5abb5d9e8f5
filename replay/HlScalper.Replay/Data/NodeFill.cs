using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data;

/// <summary>One side of a trade from <c>node_fills</c>: every trade appears twice, once for the taker (<see cref="Crossed"/>) and once for the maker, with the same <see cref="Tid"/>.</summary>
/// <param name="Side">This user's side; the taker's side is the aggressor's.</param>
public readonly record struct NodeFill(NodeBlock Block, long TimeMs, long Oid, long Tid, Side Side, long PxRaw, long SzRaw, bool Crossed);
