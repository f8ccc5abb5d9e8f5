using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A ring's array (typed by its owner), the byte offset of its first slot and its index mask, alone on their cache line.</summary>
/// <remarks>Not generic: the runtime refuses explicit layout on generic types, so the array is held as an object.</remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal readonly struct RingSlots(object array, nint first, long mask)
{
    // padding: bytes 0..55
    [FieldOffset(56)] public readonly object Array = array;
    [FieldOffset(64)] public readonly nint First = first;
    [FieldOffset(72)] public readonly long Mask = mask;
    // padding: bytes 80..127
}
