using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace HlScalper.Gateway.WebSockets;

/// <summary>A decoded server frame header (RFC 6455 §5.2), checked for the violations a client must reject.</summary>
public readonly record struct WebSocketFrameHeader(bool Fin, WebSocketOpcode Opcode, long PayloadLength, int HeaderLength)
{
    /// <summary>Result of <see cref="TryRead(ReadOnlySpan{byte}, out WebSocketFrameHeader, out string?)"/>.</summary>
    public enum Status : byte
    {
        Ok,
        /// <summary>Not enough bytes yet for the header.</summary>
        NeedMore,
        /// <summary>A protocol violation; the out error names it.</summary>
        Invalid,
    }

    public bool IsControl => ((byte)Opcode & 0x8) != 0;

    /// <summary>Reads a header from the start of <paramref name="buffer"/> without consuming it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Status TryRead(in ReadOnlySequence<byte> buffer, out WebSocketFrameHeader header, out string? error)
    {
        Span<byte> bytes = stackalloc byte[10];
        var available = (int)Math.Min(buffer.Length, bytes.Length);
        var first = buffer.FirstSpan;
        if (first.Length >= available) first[..available].CopyTo(bytes);
        else buffer.Slice(0, available).CopyTo(bytes);
        return TryRead(bytes[..available], out header, out error);
    }

    /// <summary>Reads a header from the start of <paramref name="bytes"/>.</summary>
    public static Status TryRead(ReadOnlySpan<byte> bytes, out WebSocketFrameHeader header, out string? error)
    {
        header = default;
        error = null;
        if (bytes.Length < 2) return Status.NeedMore;
        var b0 = bytes[0];
        var b1 = bytes[1];
        if ((b0 & 0x70) != 0) return Invalid($"reserved bits set (RSV = 0x{b0 & 0x70:x2}) without a negotiated extension", out error);
        var opcode = (WebSocketOpcode)(b0 & 0x0F);
        if (opcode is not (WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong))
            return Invalid($"unknown opcode 0x{(int)opcode:x}", out error);
        if ((b1 & 0x80) != 0) return Invalid("the server masked a frame (servers must not mask, §5.1)", out error);
        var fin = (b0 & 0x80) != 0;
        long length = b1 & 0x7F;
        var headerLength = 2;
        if (length == 126)
        {
            if (bytes.Length < 4) return Status.NeedMore;
            length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (bytes.Length < 10) return Status.NeedMore;
            var wide = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
            if (wide > long.MaxValue) return Invalid("64-bit length with the most significant bit set", out error);
            length = (long)wide;
            headerLength = 10;
        }
        if (((byte)opcode & 0x8) != 0 && (!fin || length > 125))
            return Invalid($"control frame {opcode} fragmented or longer than 125 bytes ({length})", out error);
        header = new WebSocketFrameHeader(fin, opcode, length, headerLength);
        return Status.Ok;
    }

    private static Status Invalid(string reason, out string error)
    {
        error = reason;
        return Status.Invalid;
    }
}
