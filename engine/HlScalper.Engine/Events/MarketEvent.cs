using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Events;

/// <summary>The one blittable event type of the ring: a book, BBO, trade, order update, fill, timer or control signal.</summary>
/// <remarks>
/// Written in place in a preallocated slot by the codec or replay reader; <see cref="Kind"/> says which
/// fields mean something. Size: <see cref="SizeInBytes"/> bytes (asserted by a test), almost all of it
/// the two inline 20-level sides, so a 4,096-slot ring is about 4.3 MB and fits in L3.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct MarketEvent
{
    /// <summary><c>Unsafe.SizeOf&lt;MarketEvent&gt;()</c>, pinned by a test so a layout change is a conscious one.</summary>
    public const int SizeInBytes = 1080;

    // The fields a consumer reads first come first: with the ring's 8-byte slot stamp in front, bytes 0-55 share the
    // stamp's cache line (RingSlot), so the wake-up that finds the event published brings them with it.
    public EventKind Kind;
    public Side Side;
    public OrderStatus Status;
    public ControlCode Control;
    public EventFlags Flags;
    public byte BidCount;
    public byte AskCount;

    /// <summary>Index of the market in the engine's coin table.</summary>
    public ushort Coin;

    /// <summary>Order placement time (ms), or the control signal's value.</summary>
    public long Value;

    /// <summary>Exchange time in Unix ms (the event's time for strategy, risk and replay).</summary>
    public long ExchangeTimeMs;

    /// <summary>Trade/fill price, or order limit price.</summary>
    public Px Px;

    /// <summary>Trade/fill size, or order remaining size.</summary>
    public Sz Sz;

    /// <summary>Local receive time in <see cref="System.Diagnostics.Stopwatch"/> ticks (0 in replay unless recorded).</summary>
    public long ReceiveTimestamp;

    /// <summary>Order original size.</summary>
    public Sz OrigSz;

    /// <summary>Fill: signed position before the fill.</summary>
    public Sz StartPosition;

    /// <summary>Order id (order update, fill).</summary>
    public long Oid;

    /// <summary>Trade id (trade, fill).</summary>
    public long Tid;

    /// <summary>Fill fee in quote units, raw fixed-point (negative = rebate).</summary>
    public long Fee;

    /// <summary>Fill closed PnL in quote units, raw fixed-point.</summary>
    public long ClosedPnl;

    public Cloid Cloid;

    public BookLevels Bids;
    public BookLevels Asks;

    /// <summary>Copies <paramref name="e"/> into this slot: every field, and of the book sides only the levels its counts hold.</summary>
    /// <remarks>
    /// A whole-struct copy moves 1,080 bytes for a trade that uses 120; levels past the counts are never read (the
    /// readers and books stop at the counts), so they are left as they were. Replay copies every event into a ring
    /// slot, which made the full copy a quarter of a one-core back-test.
    /// </remarks>
    public void CopyFrom(ref readonly MarketEvent e)
    {
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref this), ref Unsafe.As<MarketEvent, byte>(ref Unsafe.AsRef(in e)), HeaderBytes);
        var bids = Math.Min((int)e.BidCount, BookLevels.Capacity);
        var asks = Math.Min((int)e.AskCount, BookLevels.Capacity);
        if (bids > 0) ((ReadOnlySpan<BookLevel>)e.Bids)[..bids].CopyTo(Bids);
        if (asks > 0) ((ReadOnlySpan<BookLevel>)e.Asks)[..asks].CopyTo(Asks);
    }

    /// <summary>Bytes before <see cref="Bids"/>: every field but the two sides (a constant once the JIT reads it at tier 1).</summary>
    private static readonly uint HeaderBytes = BidsOffset();

    private static uint BidsOffset()
    {
        var e = new MarketEvent();
        return (uint)Unsafe.ByteOffset(ref Unsafe.As<MarketEvent, byte>(ref e), ref Unsafe.As<BookLevels, byte>(ref e.Bids));
    }

    /// <summary>Clears the fields a writer may leave unset, so a reused slot never leaks a previous event.</summary>
    public void Reset(EventKind kind, ushort coin, long exchangeTimeMs)
    {
        Kind = kind;
        Coin = coin;
        ExchangeTimeMs = exchangeTimeMs;
        ReceiveTimestamp = 0;
        Px = default;
        Sz = default;
        OrigSz = default;
        StartPosition = default;
        Oid = 0;
        Tid = 0;
        Fee = 0;
        ClosedPnl = 0;
        Value = 0;
        Cloid = default;
        Side = Side.Buy;
        Status = OrderStatus.Unknown;
        Control = ControlCode.None;
        Flags = EventFlags.None;
        BidCount = 0;
        AskCount = 0;
    }
}
