using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HlScalper.Gateway.WebSockets;

/// <summary>Unpredictable 32-bit mask keys without allocation: drawn from the OS CSPRNG a block of 1,024 keys at a time.</summary>
/// <remarks>RFC 6455 §5.3 wants keys an intermediary cannot predict from the keys it has seen, which rules out a fast seeded
/// generator; one CSPRNG call per frame would cost more than the frame, so the call is made once per 1,024 frames into a buffer
/// allocated with the source. One writer at a time (the connection's write claim, or the engine thread for order frames).</remarks>
internal struct MaskKeySource
{
    private const int BlockBytes = 4096;

    private byte[] _block;
    private int _next;

    public static MaskKeySource Create() => new() { _block = new byte[BlockBytes], _next = BlockBytes };

    public uint Next()
    {
        if (_next == BlockBytes)
        {
            RandomNumberGenerator.Fill(_block);
            _next = 0;
        }
        var key = BinaryPrimitives.ReadUInt32LittleEndian(_block.AsSpan(_next));
        _next += sizeof(uint);
        return key;
    }
}
