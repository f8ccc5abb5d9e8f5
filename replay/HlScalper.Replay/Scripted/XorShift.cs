namespace HlScalper.Replay.Scripted;

/// <summary>A tiny deterministic random source (xorshift64*) for workloads that must not allocate.</summary>
public struct XorShift(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed;

    public uint Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return (uint)((_state * 0x2545_F491_4F6C_DD1D) >> 32);
    }
}
