using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Exchange;

/// <summary>A signed position with its average entry price, updated fill by fill as the exchange does (closed PnL against the average entry).</summary>
public struct Position
{
    /// <summary>Signed size, raw units (positive = long).</summary>
    public long SizeRaw;

    /// <summary>Average entry price, raw; 0 when flat.</summary>
    public long EntryPxRaw;

    public readonly bool IsFlat => SizeRaw == 0;

    /// <summary>Applies a fill and returns the PnL it closed, raw quote units (before fees).</summary>
    public long Apply(Side side, long pxRaw, long szRaw)
    {
        var signed = side == Side.Buy ? szRaw : -szRaw;
        if (SizeRaw == 0 || Math.Sign(SizeRaw) == Math.Sign(signed))
        {
            var newSize = SizeRaw + signed;
            EntryPxRaw = (long)(((Int128)EntryPxRaw * Math.Abs(SizeRaw) + (Int128)pxRaw * szRaw) / Math.Abs(newSize));
            SizeRaw = newSize;
            return 0;
        }
        var closing = Math.Min(Math.Abs(SizeRaw), szRaw);
        var closed = (long)((Int128)(pxRaw - EntryPxRaw) * closing * Math.Sign(SizeRaw) / Fixed8.Scale);
        SizeRaw += signed;
        if (SizeRaw == 0) EntryPxRaw = 0;
        else if (Math.Sign(SizeRaw) == Math.Sign(signed)) EntryPxRaw = pxRaw;   // flipped: the remainder opened at this price
        return closed;
    }

    /// <summary>Unrealised PnL at <paramref name="markRaw"/>, raw quote units.</summary>
    public readonly long Unrealized(long markRaw) =>
        SizeRaw == 0 || markRaw == 0 ? 0 : (long)((Int128)(markRaw - EntryPxRaw) * SizeRaw / Fixed8.Scale);
}
