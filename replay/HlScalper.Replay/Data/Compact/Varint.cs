using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Replay.Data.Compact;

/// <summary>LEB128 varints, signed ones zig-zagged: small steps (prices between levels, times between events) take one or two bytes.</summary>
internal static class Varint
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="p"/> and moves past it; up to 8 bytes after the varint, within the span, may be overwritten (they are the next value's room).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> to, ref int p, ulong value)
    {
        // With 8 bytes of room, a value under 2^56 is spread into 7-bit groups (Read's squeeze backwards) and stored by
        // one write: values of 3–7 bytes (times, prices, sizes) mispredicted the byte loop's exit nearly every time.
        if (value < 1UL << 56 && (uint)p <= (uint)to.Length - 8 && to.Length >= 8)
        {
            var x = (value & 0x000000000FFFFFFFUL) | ((value & 0x00FFFFFFF0000000UL) << 4);
            x = (x & 0x00003FFF00003FFFUL) | ((x & 0x0FFFC0000FFFC000UL) << 2);
            x = (x & 0x007F007F007F007FUL) | ((x & 0x3F803F803F803F80UL) << 1);
            var bytes = (70 - BitOperations.LeadingZeroCount(value | 1)) / 7;
            x |= 0x8080808080808080UL & ((1UL << (8 * (bytes - 1))) - 1);
            if (!BitConverter.IsLittleEndian) x = BinaryPrimitives.ReverseEndianness(x);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(to), p), x);
            p += bytes;
            return;
        }
        WriteTail(to, ref p, value);
    }

    /// <summary>A value of 2^56 or more, or one within 8 bytes of the span's end: byte by byte.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteTail(Span<byte> to, ref int p, ulong value)
    {
        while (value >= 0x80)
        {
            to[p++] = (byte)(value | 0x80);
            value >>= 7;
        }
        to[p++] = (byte)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSigned(Span<byte> to, ref int p, long value) => Write(to, ref p, ZigZag(value));

    /// <summary>A signed value as unsigned with its sign in bit 0: small magnitudes of either sign stay small.</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);

    /// <exception cref="TickDataException">The bytes end inside the varint, or it runs past 64 bits.</exception>
    // Inlined into the event decoder (a few varints an event); the rare tail path stays a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ReadOnlySpan<byte> from, ref int p)
    {
        // With 8 bytes to read, one unaligned load decodes a varint of up to 8 bytes without a branch per byte: times,
        // prices and sizes are 3–7 bytes each, and the loop below mispredicted its exit on nearly every one of them.
        if ((uint)p <= (uint)from.Length - 8 && from.Length >= 8)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(from), p));
            if (!BitConverter.IsLittleEndian) word = BinaryPrimitives.ReverseEndianness(word);
            var stops = ~word & 0x8080808080808080UL;   // the high bit is clear on a varint's last byte
            if (stops != 0)
            {
                var last = BitOperations.TrailingZeroCount(stops);   // 8 × (bytes − 1) + 7
                p += (last >> 3) + 1;
                var x = word & (ulong.MaxValue >> (63 - last)) & 0x7F7F7F7F7F7F7F7FUL;
                // Squeeze out the continuation bits: 7-bit groups in bytes → 14 bits in 16-bit lanes → 28 in 32 → 56.
                x = (x & 0x007F007F007F007FUL) | ((x & 0x7F007F007F007F00UL) >> 1);
                x = (x & 0x00003FFF00003FFFUL) | ((x & 0x3FFF00003FFF0000UL) >> 2);
                return (x & 0x000000000FFFFFFFUL) | ((x & 0x0FFFFFFF00000000UL) >> 4);
            }
        }
        return ReadTail(from, ref p);
    }

    /// <summary>A varint within 8 bytes of the end, or one longer than 8 bytes: byte by byte.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong ReadTail(ReadOnlySpan<byte> from, ref int p)
    {
        if ((uint)p < (uint)from.Length && from[p] < 0x80) return from[p++];
        return TryRead(from, ref p, out var value) ? value : throw TapeCodec.Damaged();
    }

    /// <summary>A varint byte by byte, for bytes from outside (a Parquet page header, its level runs): false instead of an exception when the bytes end inside it or it runs past 64 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> from, ref int p, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)p >= (uint)from.Length) return false;
            var b = from[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadSigned(ReadOnlySpan<byte> from, ref int p)
    {
        return UnZigZag(Read(from, ref p));
    }
}
