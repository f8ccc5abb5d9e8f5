namespace HlScalper.Replay.Data;

/// <summary>One coin's full per-order book at a block height, as the node's snapshot lists it.</summary>
/// <param name="Bids">Best price first; within a level, in time priority (the first order is first in the queue).</param>
/// <param name="Asks">Best price first; within a level, in time priority.</param>
/// <param name="OtherCoins">Books of other coins in the file, skipped.</param>
/// <param name="BadOrders">Orders lacking a field or with a bad value (or on the wrong side of the list), skipped.</param>
public sealed record L4Snapshot(string Path, long Height, string Coin, IReadOnlyList<SnapshotOrder> Bids, IReadOnlyList<SnapshotOrder> Asks, int OtherCoins, long BadOrders);
