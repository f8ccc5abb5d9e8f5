using System.Security.Cryptography;

namespace HlScalper.Gateway.WebSockets;

/// <summary>Unpredictable 32-bit mask keys without allocation: xorshift64* seeded from the OS CSPRNG per connection.</summary>
/// <remarks>RFC 6455 §5.3 wants keys an intermediary cannot predict; a CSPRNG call per frame would cost more than the frame.</remarks>
internal struct MaskKeySource
{
    private ulong _state;

    public static MaskKeySource Create()
    {
        Span<byte> seed = stackalloc byte[8];
        RandomNumberGenerator.Fill(seed);
        var state = BitConverter.ToUInt64(seed);
        return new MaskKeySource { _state = state == 0 ? 0x9E3779B97F4A7C15UL : state };
    }

    public uint Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return (uint)((_state * 0x2545F4914F6CDD1DUL) >> 32);
    }
}
