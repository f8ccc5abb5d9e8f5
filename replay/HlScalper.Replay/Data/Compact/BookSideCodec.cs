using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>One side of a book as fixed-width rows (size, order count, price step to the next level), each field as wide as its widest value needs.</summary>
/// <remarks>
/// Layout: the widths of the three fields (one byte: price steps | sizes &lt;&lt; 4; one byte: counts), the first price as a
/// varint, then one row a level: its size, its order count and (but for the last level) the price step to the next level,
/// each zig-zagged, little-endian, in as many bytes as its field's width. Varints made the decoder a chain of 120 dependent loads per 40-level book (where a
/// value ends is known only once it is read, ~4 ns each); with fixed widths every value's place is known before it is read,
/// so the loads of one book run in parallel. The real BTC recording's tape is 1.64 MB either way.
/// </remarks>
internal static class BookSideCodec
{
    /// <summary>The most one side can take: the widths, a 10-byte first price, three 8-byte fields a level.</summary>
    public const int MaxBytes = 2 + 10 + BookLevels.Capacity * 3 * 8;

    public static void Write(in BookLevels side, int count, Span<byte> to, ref int p)
    {
        if (count == 0) return;
        ulong steps = 0, sizes = 0, counts = 0;
        for (var l = 0; l < count; l++)
        {
            if (l > 0) steps |= Varint.ZigZag(side[l].Px.Raw - side[l - 1].Px.Raw);
            sizes |= Varint.ZigZag(side[l].Sz.Raw);
            counts |= Varint.ZigZag(side[l].Count);
        }
        int wStep = Width(steps), wSize = Width(sizes), wCount = Width(counts);
        to[p++] = (byte)(wStep | (wSize << 4));
        to[p++] = (byte)wCount;
        Varint.WriteSigned(to, ref p, side[0].Px.Raw);
        // Each value is one unaligned 8-byte store: its high bytes are zeros that the next value's store overwrites, and the
        // last one's stay inside the room the widest rows would take (8 bytes a value), past the payload, where the next event goes.
        if (to.Length - p < count * 3 * 8) throw new ArgumentException("a book side needs 8 bytes of room a value to be written", nameof(to));
        p += StoreRows(in side, count, ref to[p], wStep, wSize, wCount);
    }

    /// <summary>Writes the rows from <paramref name="row"/> on, which must have 8 writable bytes a value (count × 3 × 8); returns the bytes the rows take.</summary>
    private static int StoreRows(in BookLevels side, int count, ref byte row, int wStep, int wSize, int wCount)
    {
        var o = 0;
        for (var l = 0; ; l++)
        {
            Store(ref Unsafe.Add(ref row, o), Varint.ZigZag(side[l].Sz.Raw));
            o += wSize;
            Store(ref Unsafe.Add(ref row, o), Varint.ZigZag(side[l].Count));
            o += wCount;
            if (l + 1 == count) return o;
            Store(ref Unsafe.Add(ref row, o), Varint.ZigZag(side[l + 1].Px.Raw - side[l].Px.Raw));
            o += wStep;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte at, ulong value) =>
        Unsafe.WriteUnaligned(ref at, BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <exception cref="TickDataException">The side runs past the payload, or a width no writer produces.</exception>
    public static void Read(ref BookLevels side, int count, ReadOnlySpan<byte> from, ref int p)
    {
        if (count == 0) return;
        var rows = Layout(count, from, ref p, out var px, out var wStep, out var wSize, out var wCount);
        // Each value is one unaligned 8-byte load, masked: checked once (in Layout), not per value. A side within 8 bytes of the
        // payload's end (the last event of a block) is read from a copy with room after it.
        if (p <= from.Length - 8) Rows(ref side[0], count, ref Unsafe.AsRef(in from[rows]), px, wStep, wSize, wCount);
        else RowsNearEnd(ref side[0], count, from[rows..p], px, wStep, wSize, wCount);
    }

    /// <summary>Moves <paramref name="p"/> past a side of <paramref name="count"/> levels without reading its rows, checked as <see cref="Read"/> checks it.</summary>
    /// <exception cref="TickDataException">Where <see cref="Read"/> would throw.</exception>
    public static void Skip(int count, ReadOnlySpan<byte> from, ref int p)
    {
        if (count > 0) Layout(count, from, ref p, out _, out _, out _, out _);
    }

    /// <summary>Reads a side's widths and first price and moves <paramref name="p"/> to the end of its rows; returns where the rows start.</summary>
    /// <exception cref="TickDataException">The side runs past the payload, or a width no writer produces.</exception>
    private static int Layout(int count, ReadOnlySpan<byte> from, ref int p, out long px, out int wStep, out int wSize, out int wCount)
    {
        if ((uint)p + 2 > (uint)from.Length) throw TapeCodec.Damaged();
        (wStep, wSize, wCount) = (from[p] & 0xF, from[p] >> 4, from[p + 1]);
        if (wStep > 8 || wSize > 8 || wCount > 8) throw TapeCodec.Damaged();
        p += 2;
        px = Varint.ReadSigned(from, ref p);
        var rows = p;
        p += (count - 1) * wStep + count * (wSize + wCount);
        if ((uint)p > (uint)from.Length || count > BookLevels.Capacity) throw TapeCodec.Damaged();
        return rows;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowsNearEnd(ref BookLevel first, int count, ReadOnlySpan<byte> rows, long px, int wStep, int wSize, int wCount)
    {
        Span<byte> padded = stackalloc byte[MaxBytes + 8];
        rows.CopyTo(padded);
        Rows(ref first, count, ref padded[0], px, wStep, wSize, wCount);
    }

    /// <summary>Reads the rows starting at <paramref name="row"/>, which must be followed by at least 8 readable bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows(ref BookLevel first, int count, ref byte row, long px, int wStep, int wSize, int wCount)
    {
        // One pointer and one stride: few enough live values that the loop keeps them all in registers.
        var stride = wSize + wCount + wStep;
        var atStep = wSize + wCount;
        ulong mStep = Mask(wStep), mSize = Mask(wSize), mCount = Mask(wCount);
        for (var l = 0; ; l++)
        {
            ref var level = ref Unsafe.Add(ref first, l);
            level.Px = new(px);
            level.Sz = new(Varint.UnZigZag(Load(ref row) & mSize));
            level.Count = (int)Varint.UnZigZag(Load(ref Unsafe.Add(ref row, wSize)) & mCount);
            if (l + 1 == count) return;
            px += Varint.UnZigZag(Load(ref Unsafe.Add(ref row, atStep)) & mStep);
            row = ref Unsafe.Add(ref row, stride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(ref byte at)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref at);
        return BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);
    }

    private static int Width(ulong any) => (64 - BitOperations.LeadingZeroCount(any) + 7) / 8;

    private static ulong Mask(int width) => width == 0 ? 0 : ulong.MaxValue >> (64 - 8 * width);
}
