using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>One side of a book as fixed-width rows (size, order count, price step to the next level), each field as wide as its widest value needs.</summary>
/// <remarks>
/// Layout: the widths of the three fields (one byte: price steps | sizes &lt;&lt; 4; one byte: counts | form flags), the first
/// price as a varint, then one row a level: its size, its order count and (but for the last level) the price step to the
/// next level, little-endian, in as many bytes as its field's width. Varints made the decoder a chain of 120 dependent loads
/// per 40-level book (where a value ends is known only once it is read, ~4 ns each); with fixed widths every value's place
/// is known before it is read, so the loads of one book run in parallel.
/// <para>
/// Two forms. A side as books come (sizes and counts not negative, prices all one way) is written plain: sizes and counts
/// as they are, steps as their magnitude with the side's one sign in the flags. Anything else (a crossed or damaged book, a
/// negative size) is zig-zagged, which takes any value. The plain form spares the decoder four instructions a value of its
/// ~30 a level, the largest share of a replay's time. The real BTC recording's tape is 1.62 MB with its sides plain, 1.64 MB all zig-zagged.
/// </para>
/// </remarks>
internal static class BookSideCodec
{
    /// <summary>The most one side can take: the widths, a 10-byte first price, three 8-byte fields a level.</summary>
    public const int MaxBytes = 2 + 10 + BookLevels.Capacity * 3 * 8;

    /// <summary>In the counts byte: the side is in the plain form.</summary>
    private const int PlainFlag = 0x80;

    /// <summary>In the counts byte, with <see cref="PlainFlag"/>: the steps are written negated (prices fall level by level, as bids do).</summary>
    private const int FallingFlag = 0x40;

    public static void Write(in BookLevels side, int count, Span<byte> to, ref int p)
    {
        if (count == 0) return;
        ulong sizes = 0, counts = 0, rises = 0, falls = 0;
        var negative = false;
        for (var l = 0; l < count; l++)
        {
            var (sz, n) = (side[l].Sz.Raw, side[l].Count);
            negative |= sz < 0 || n < 0;
            (sizes, counts) = (sizes | (ulong)sz, counts | (uint)n);
            if (l == 0) continue;
            var step = side[l].Px.Raw - side[l - 1].Px.Raw;
            if (step > 0) rises |= (ulong)step;
            else falls |= (ulong)-step;
        }
        // Plain when nothing is negative and the prices move one way (a step of zero goes either way).
        var plain = !negative && (rises == 0 || falls == 0);
        var falling = plain && falls != 0;
        var steps = rises | falls;
        if (!plain) (steps, sizes, counts) = ZigZagged.Spans(in side, count);
        int wStep = Width(steps), wSize = Width(sizes), wCount = Width(counts);
        to[p++] = (byte)(wStep | (wSize << 4));
        to[p++] = (byte)(wCount | (plain ? PlainFlag : 0) | (falling ? FallingFlag : 0));
        Varint.WriteSigned(to, ref p, side[0].Px.Raw);
        // Each value is one unaligned 8-byte store: its high bytes are zeros that the next value's store overwrites, and the
        // last one's stay inside the room the widest rows would take (8 bytes a value), past the payload, where the next event goes.
        if (to.Length - p < count * 3 * 8) throw new ArgumentException("a book side needs 8 bytes of room a value to be written", nameof(to));
        p += plain
            ? StoreRows<Plain>(in side, count, ref to[p], wStep, wSize, wCount, falling ? -1 : 0)
            : StoreRows<ZigZagged>(in side, count, ref to[p], wStep, wSize, wCount, 0);
    }

    /// <summary>Writes the rows from <paramref name="row"/> on, which must have 8 writable bytes a value (count × 3 × 8); returns the bytes the rows take.</summary>
    private static int StoreRows<TForm>(in BookLevels side, int count, ref byte row, int wStep, int wSize, int wCount, long sign) where TForm : struct, IRowForm
    {
        var o = 0;
        for (var l = 0; ; l++)
        {
            Store(ref Unsafe.Add(ref row, o), TForm.Encode(side[l].Sz.Raw));
            o += wSize;
            Store(ref Unsafe.Add(ref row, o), TForm.Encode(side[l].Count));
            o += wCount;
            if (l + 1 == count) return o;
            Store(ref Unsafe.Add(ref row, o), TForm.EncodeStep(side[l + 1].Px.Raw - side[l].Px.Raw, sign));
            o += wStep;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte at, ulong value) =>
        Unsafe.WriteUnaligned(ref at, BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <exception cref="TickDataException">The side runs past the payload, or a width or flag no writer produces.</exception>
    public static void Read(ref BookLevels side, int count, ReadOnlySpan<byte> from, ref int p)
    {
        if (count == 0) return;
        var rows = Layout(count, from, ref p, out var px, out var widths);
        // Each value is one unaligned 8-byte load, masked: checked once (in Layout), not per value. A side within 8 bytes of the
        // payload's end (the last event of a block) is read from a copy with room after it.
        if (p <= from.Length - 8) Rows(ref side[0], count, ref Unsafe.AsRef(in from[rows]), px, widths);
        else RowsNearEnd(ref side[0], count, from[rows..p], px, widths);
    }

    /// <summary>Moves <paramref name="p"/> past a side of <paramref name="count"/> levels without reading its rows, checked as <see cref="Read"/> checks it.</summary>
    /// <exception cref="TickDataException">Where <see cref="Read"/> would throw.</exception>
    public static void Skip(int count, ReadOnlySpan<byte> from, ref int p)
    {
        if (count > 0) Layout(count, from, ref p, out _, out _);
    }

    /// <summary>Reads a side's widths, form and first price and moves <paramref name="p"/> to the end of its rows; returns where the rows start.</summary>
    /// <exception cref="TickDataException">The side runs past the payload, or a width or flag no writer produces.</exception>
    private static int Layout(int count, ReadOnlySpan<byte> from, ref int p, out long px, out Widths widths)
    {
        if ((uint)p + 2 > (uint)from.Length) throw TapeCodec.Damaged();
        int wStep = from[p] & 0xF, wSize = from[p] >> 4, wCount = from[p + 1] & 0xF, flags = from[p + 1] & 0xF0;
        if (wStep > 8 || wSize > 8 || wCount > 8 || flags is not (0 or PlainFlag or (PlainFlag | FallingFlag))) throw TapeCodec.Damaged();
        widths = new Widths(wStep, wSize, wCount, flags);
        p += 2;
        px = Varint.ReadSigned(from, ref p);
        var rows = p;
        p += (count - 1) * wStep + count * (wSize + wCount);
        if ((uint)p > (uint)from.Length || count > BookLevels.Capacity) throw TapeCodec.Damaged();
        return rows;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowsNearEnd(ref BookLevel first, int count, ReadOnlySpan<byte> rows, long px, Widths widths)
    {
        Span<byte> padded = stackalloc byte[MaxBytes + 8];
        rows.CopyTo(padded);
        Rows(ref first, count, ref padded[0], px, widths);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows(ref BookLevel first, int count, ref byte row, long px, Widths widths)
    {
        if ((widths.Flags & PlainFlag) != 0) Rows<Plain>(ref first, count, ref row, px, widths, (widths.Flags & FallingFlag) != 0 ? -1 : 0);
        else Rows<ZigZagged>(ref first, count, ref row, px, widths, 0);
    }

    /// <summary>Reads the rows starting at <paramref name="row"/>, which must be followed by at least 8 readable bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows<TForm>(ref BookLevel level, int count, ref byte row, long px, Widths widths, long sign) where TForm : struct, IRowForm
    {
        // Pointers bumped, not indexes: a level's address and a value's are one add each, with no widening or multiply in the loop.
        nint atCount = widths.Size, atStep = widths.Size + widths.Count, stride = atStep + widths.Step;
        ulong mStep = Mask(widths.Step), mSize = Mask(widths.Size), mCount = Mask(widths.Count);
        ref var last = ref Unsafe.Add(ref level, count - 1);
        while (true)
        {
            level.Px = new(px);
            level.Sz = new(TForm.Decode(Load(ref row) & mSize));
            level.Count = (int)TForm.Decode(Load(ref Unsafe.Add(ref row, atCount)) & mCount);
            if (Unsafe.AreSame(ref level, ref last)) return;
            px += TForm.DecodeStep(Load(ref Unsafe.Add(ref row, atStep)) & mStep, sign);
            row = ref Unsafe.Add(ref row, stride);
            level = ref Unsafe.Add(ref level, 1);
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

    /// <summary>A side's field widths and form flags, as its two layout bytes give them.</summary>
    private readonly record struct Widths(int Step, int Size, int Count, int Flags);

    /// <summary>How a form turns a value into the bits it stores and back; a struct type argument, so each form's loop is compiled on its own.</summary>
    private interface IRowForm
    {
        static abstract ulong Encode(long value);

        static abstract long Decode(ulong bits);

        /// <param name="sign">-1 where the form stores the side's steps negated, else 0.</param>
        static abstract ulong EncodeStep(long step, long sign);

        static abstract long DecodeStep(ulong bits, long sign);
    }

    /// <summary>Any value: zig-zagged, so a small negative is small.</summary>
    private struct ZigZagged : IRowForm
    {
        public static ulong Encode(long value) => Varint.ZigZag(value);

        public static long Decode(ulong bits) => Varint.UnZigZag(bits);

        public static ulong EncodeStep(long step, long sign) => Varint.ZigZag(step);

        public static long DecodeStep(ulong bits, long sign) => Varint.UnZigZag(bits);

        /// <summary>The bits each field's zig-zagged values take, together: (steps, sizes, counts).</summary>
        public static (ulong Steps, ulong Sizes, ulong Counts) Spans(in BookLevels side, int count)
        {
            ulong steps = 0, sizes = 0, counts = 0;
            for (var l = 0; l < count; l++)
            {
                if (l > 0) steps |= Varint.ZigZag(side[l].Px.Raw - side[l - 1].Px.Raw);
                sizes |= Varint.ZigZag(side[l].Sz.Raw);
                counts |= Varint.ZigZag(side[l].Count);
            }
            return (steps, sizes, counts);
        }
    }

    /// <summary>Values as they are and steps as magnitudes: <c>(x ^ sign) - sign</c> is x for sign 0 and -x for sign -1, both ways.</summary>
    private struct Plain : IRowForm
    {
        public static ulong Encode(long value) => (ulong)value;

        public static long Decode(ulong bits) => (long)bits;

        public static ulong EncodeStep(long step, long sign) => (ulong)((step ^ sign) - sign);

        public static long DecodeStep(ulong bits, long sign) => ((long)bits ^ sign) - sign;
    }
}
