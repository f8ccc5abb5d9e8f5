using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace HlScalper.Gateway.WebSockets;

/// <summary>Writes complete, masked client frames (RFC 6455 §5.2) into caller-owned memory, without allocation.</summary>
/// <remarks>
/// The order path uses it to build each complete frame before the send, so the send is a single socket write.
/// Clients must mask every frame (§5.3); the mask key is the caller's so a frame can be built off the hot path
/// from any random source, and so tests can pin it.
/// </remarks>
public static class WebSocketFrameWriter
{
    /// <summary>Largest header: 2 bytes + 8-byte extended length + 4-byte mask key.</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>Header length (including the mask key) of a client frame carrying <paramref name="payloadLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HeaderLength(int payloadLength) => payloadLength switch
    {
        <= 125 => 2 + 4,
        <= ushort.MaxValue => 4 + 4,
        _ => 10 + 4,
    };

    /// <summary>Total bytes of a masked client frame carrying <paramref name="payloadLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FrameLength(int payloadLength) => HeaderLength(payloadLength) + payloadLength;

    /// <summary>Writes one frame (header, mask key, masked payload) and returns its length.</summary>
    /// <param name="destination">At least <see cref="FrameLength"/> bytes; must not overlap <paramref name="payload"/>.</param>
    /// <param name="opcode">Frame opcode.</param>
    /// <param name="payload">The unmasked payload.</param>
    /// <param name="maskKey">Four mask bytes, as a little-endian <c>uint</c> (byte 0 is the low byte).</param>
    /// <param name="fin">False for all but the last frame of a fragmented message.</param>
    public static int Write(Span<byte> destination, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, uint maskKey, bool fin = true)
    {
        var header = WriteHeader(destination, opcode, payload.Length, maskKey, fin);
        var body = destination.Slice(header, payload.Length);
        payload.CopyTo(body);
        Mask(body, maskKey, 0);
        return header + payload.Length;
    }

    /// <summary>Writes only the header and mask key; the caller then writes the payload after it and masks it with <see cref="Mask"/>.</summary>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, int payloadLength, uint maskKey, bool fin = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        var headerLength = HeaderLength(payloadLength);
        if (destination.Length < headerLength + payloadLength)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {headerLength + payloadLength}", nameof(destination));

        destination[0] = (byte)((fin ? 0x80 : 0) | (byte)opcode);
        int pos;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            pos = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            pos = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            pos = 10;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination[pos..], maskKey);
        return pos + 4;
    }

    /// <summary>XORs <paramref name="data"/> in place with the mask key, starting at mask byte <paramref name="offset"/> (mod 4).</summary>
    /// <remarks>Masking is its own inverse, so the frame reader uses the same routine to unmask.</remarks>
    public static void Mask(Span<byte> data, uint maskKey, int offset)
    {
        // Rotate the key so byte 0 of data lines up with mask byte `offset`, then XOR 8 bytes at a time.
        var shift = (offset & 3) * 8;
        var key32 = shift == 0 ? maskKey : (maskKey >> shift) | (maskKey << (32 - shift));
        var key64 = ((ulong)key32 << 32) | key32;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ref var at = ref data[i];
            Unsafe.WriteUnaligned(ref at, Unsafe.ReadUnaligned<ulong>(ref at) ^ LittleEndian(key64));
        }
        for (; i < data.Length; i++)
            data[i] ^= (byte)(key32 >> ((i & 3) * 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LittleEndian(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}
