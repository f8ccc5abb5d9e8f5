using System.Runtime.InteropServices;

namespace HlScalper.Bench.Ring;

/// <summary>A consumer's running sum, checked after each benchmark so it proves every event arrived.</summary>
/// <remarks>Alone on its cache line: the consumer writes it per event, and a ring object allocated beside it
/// would otherwise pay a miss per event on the producer's side (false sharing measured as ring cost).</remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Counter
{
    // padding: bytes 0..55
    [FieldOffset(56)] public long Sum;
    // padding: bytes 64..127
}
