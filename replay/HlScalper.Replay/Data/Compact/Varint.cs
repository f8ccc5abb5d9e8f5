namespace HlScalper.Replay.Data.Compact;

/// <summary>LEB128 varints, signed ones zig-zagged: small steps (prices between levels, times between events) take one or two bytes.</summary>
internal static class Varint
{
    public static void Write(Span<byte> to, ref int p, ulong value)
    {
        while (value >= 0x80)
        {
            to[p++] = (byte)(value | 0x80);
            value >>= 7;
        }
        to[p++] = (byte)value;
    }

    public static void WriteSigned(Span<byte> to, ref int p, long value) => Write(to, ref p, (ulong)((value << 1) ^ (value >> 63)));

    /// <exception cref="TickDataException">The bytes end inside the varint, or it runs past 64 bits.</exception>
    public static ulong Read(ReadOnlySpan<byte> from, ref int p)
    {
        if ((uint)p < (uint)from.Length && from[p] < 0x80) return from[p++];
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)p >= (uint)from.Length) throw TapeCodec.Damaged();
            var b = from[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw TapeCodec.Damaged();
    }

    public static long ReadSigned(ReadOnlySpan<byte> from, ref int p)
    {
        var raw = Read(from, ref p);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
