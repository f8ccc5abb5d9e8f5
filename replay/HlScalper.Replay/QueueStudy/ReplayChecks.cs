namespace HlScalper.Replay.QueueStudy;

/// <summary>How well the capture agrees with an exact first-in first-out book: each count but the first two should be zero.</summary>
/// <param name="MakerFills">Orders filled as maker in a block (one count per order and block).</param>
/// <param name="MakerFillsAtHead">Of those, the ones at the head of their level's queue when their diff applied: FIFO matching says all.</param>
/// <param name="FillsWithoutDiff">Maker fills whose order has no update or remove in the block.</param>
/// <param name="UnknownOrders">Updates and removes of an oid that is not resting.</param>
/// <param name="DuplicateJoins">New orders whose oid is already resting.</param>
/// <param name="MisplacedDiffs">Updates and removes whose side or price differ from the resting order's.</param>
/// <param name="TradesWithoutTaker">Trades (tids) with a maker row but no taker row; the aggressor is then taken as the maker's opposite.</param>
/// <param name="CrossedBooks">Blocks after which the best bid is at or above the best ask.</param>
/// <param name="TimeReversals">Blocks stamped earlier than the block before them (replayed at the earlier block's time).</param>
public sealed record ReplayChecks(
    long MakerFills, long MakerFillsAtHead, long FillsWithoutDiff, long UnknownOrders, long DuplicateJoins, long MisplacedDiffs, long TradesWithoutTaker, long CrossedBooks, long TimeReversals);
