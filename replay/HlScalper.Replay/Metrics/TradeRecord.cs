using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Replay.Metrics;

/// <summary>One round trip: from flat to a position and back to flat (a flip closes one and opens the next).</summary>
/// <remarks>
/// Money in raw fixed-point quote units (8 decimals); <see cref="EndOfData"/> marks a position still open when the data ran
/// out, closed at the last mid without an exit fee. <see cref="QueueWaitMs"/> is how long the entry order rested at the
/// exchange before its first fill (0 for an order that took liquidity). <see cref="FundingRaw"/> is the hourly funding booked
/// while it was open: received positive, paid negative.
/// </remarks>
public readonly record struct TradeRecord(
    ushort Coin,
    Side Side,
    long EntryTimeMs,
    long ExitTimeMs,
    long EntryPxRaw,
    long ExitPxRaw,
    long SizeRaw,
    long GrossPnlRaw,
    long FeesRaw,
    IntentReason EntryReason,
    IntentReason ExitReason,
    bool EndOfData,
    Liquidity EntryLiquidity = Liquidity.None,
    Liquidity ExitLiquidity = Liquidity.None,
    long QueueWaitMs = 0,
    long FundingRaw = 0)
{
    /// <summary>Gross less fees, plus funding received (or less funding paid) while the position was open.</summary>
    public long NetPnlRaw => GrossPnlRaw - FeesRaw + FundingRaw;

    public long HoldMs => ExitTimeMs - EntryTimeMs;
}
