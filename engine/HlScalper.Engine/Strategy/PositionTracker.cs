using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Strategy;

/// <summary>The coin's position from our own fills: signed size, cost basis, realized PnL and fees, all in raw fixed-point.</summary>
public sealed class PositionTracker
{
    /// <summary>Signed size in raw units (+ long, − short).</summary>
    public long SizeRaw { get; private set; }

    /// <summary>Entry notional of the open position in raw quote units (always ≥ 0).</summary>
    public long CostRaw { get; private set; }

    public long RealizedRaw { get; private set; }

    public long FeesRaw { get; private set; }

    /// <summary>Event time the position last went from flat to open.</summary>
    public long OpenedMs { get; private set; }

    /// <summary>PnL of the current (or just closed) round trip, after fees, raw quote units.</summary>
    public long TripPnlRaw { get; private set; }

    public bool IsFlat => SizeRaw == 0;

    public Side Side => SizeRaw > 0 ? Side.Buy : Side.Sell;

    /// <summary>Average entry price (raw); 0 when flat.</summary>
    public long AverageEntryRaw => SizeRaw == 0 ? 0 : (long)((Int128)CostRaw * Fixed8.Scale / Math.Abs(SizeRaw));

    /// <summary>Applies one fill; returns true when it closed the position (back to flat).</summary>
    public bool Apply(Side side, long pxRaw, long szRaw, long feeRaw, long timeMs)
    {
        var signed = side == Side.Buy ? szRaw : -szRaw;
        FeesRaw += feeRaw;
        if (SizeRaw == 0)
        {
            OpenedMs = timeMs;
            TripPnlRaw = 0;
        }
        TripPnlRaw -= feeRaw;
        var notional = Notional(pxRaw, szRaw);
        if (SizeRaw == 0 || Math.Sign(SizeRaw) == Math.Sign(signed))
        {
            SizeRaw += signed;
            CostRaw += notional;
            return false;
        }

        var open = Math.Abs(SizeRaw);
        var closing = Math.Min(open, szRaw);
        var closedCost = (long)((Int128)CostRaw * closing / open);
        var closedValue = Notional(pxRaw, closing);
        var pnl = SizeRaw > 0 ? closedValue - closedCost : closedCost - closedValue;
        RealizedRaw += pnl;
        TripPnlRaw += pnl;
        CostRaw -= closedCost;
        SizeRaw += signed;
        if (szRaw > closing)
        {
            // Flipped through zero: the rest opens a new position at this fill's price.
            CostRaw = Notional(pxRaw, szRaw - closing);
            OpenedMs = timeMs;
            return true;
        }
        if (SizeRaw == 0) CostRaw = 0;
        return SizeRaw == 0;
    }

    /// <summary>Takes over a position this tracker did not see open (recovery): signed size at an average entry price, opened at <paramref name="openedMs"/>.</summary>
    public void Restore(long sizeRaw, long entryPxRaw, long openedMs)
    {
        SizeRaw = sizeRaw;
        CostRaw = Notional(entryPxRaw, Math.Abs(sizeRaw));
        OpenedMs = openedMs;
        TripPnlRaw = 0;
    }

    /// <summary>Unrealized PnL marked at <paramref name="markRaw"/>, raw quote units.</summary>
    public long UnrealizedRaw(long markRaw)
    {
        if (SizeRaw == 0 || markRaw <= 0) return 0;
        var value = Notional(markRaw, Math.Abs(SizeRaw));
        return SizeRaw > 0 ? value - CostRaw : CostRaw - value;
    }

    private static long Notional(long pxRaw, long szRaw) => (long)((Int128)pxRaw * szRaw / Fixed8.Scale);
}
