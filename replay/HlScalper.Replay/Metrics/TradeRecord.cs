using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Replay.Metrics;

/// <summary>One round trip: from flat to a position and back to flat (a flip closes one and opens the next).</summary>
/// <remarks>Money in raw fixed-point quote units (8 decimals); <see cref="EndOfData"/> marks a position still open when the data ran out, closed at the last mid without an exit fee.</remarks>
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
    bool EndOfData)
{
    public long NetPnlRaw => GrossPnlRaw - FeesRaw;

    public long HoldMs => ExitTimeMs - EntryTimeMs;
}
