using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>The publication stamps of a ring's slots: several producers publish out of order, and a stamp per slot says which are done.</summary>
/// <remarks>
/// Not generic, so a sequencer serves any event type: a stamp is found by byte offset and stride in the ring's
/// array (in front of each event of a cache line or more, on the event's first line; in an array of their own
/// for smaller events). A slot's stamp holds the last sequence published into it, so sequence <c>s</c> is
/// published exactly when the stamp of its slot reads <c>s</c> (a consumer is never a lap behind: the producers
/// gate on it). Read-only after construction and padded, so no written field of a neighbouring object shares its line.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class SlotStamps
{
    // padding: bytes 0..55 (after the object header)
    [FieldOffset(56)] private readonly object _array;
    [FieldOffset(64)] private readonly nint _first;
    [FieldOffset(72)] private readonly nint _stride;
    [FieldOffset(80)] private readonly long _mask;
    [FieldOffset(88)] private readonly int _size;
    // padding: bytes 92..127

    internal SlotStamps(object array, nint first, nint stride, int size)
    {
        _array = array;
        _first = first;
        _stride = stride;
        _mask = size - 1;
        _size = size;
        // Through the stamps' own offsets: the slots may start at a byte offset that is not a multiple of the array's element size.
        for (long s = 0; s < size; s++) Stamp(s) = Sequence.InitialValue;
    }

    /// <summary>Number of slots in the ring.</summary>
    public int Size => _size;

    /// <summary>True once <paramref name="sequence"/> is published; an acquire read, so the event's contents are visible after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsPublished(long sequence) => Volatile.Read(ref Stamp(sequence)) == sequence;

    /// <summary>Marks <paramref name="sequence"/> published: a release store, after every write to its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Publish(long sequence) => Volatile.Write(ref Stamp(sequence), sequence);

    /// <summary>Marks a claimed range published, highest first: a consumer at <paramref name="low"/> sees none of it until it
    /// sees all of it (release stores, in this order), never a part of one message.</summary>
    internal void Publish(long low, long high)
    {
        for (var s = high; s >= low; s--) Publish(s);
    }

    /// <summary>The stamp of <paramref name="sequence"/>'s slot.</summary>
    /// <remarks>The array's data is reached through byte[]'s layout, which every single-dimension array shares; the
    /// offset is recomputed from the array reference on each call, so it stays right if the GC moves the array.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref long Stamp(long sequence) =>
        ref Unsafe.As<byte, long>(ref Unsafe.AddByteOffset(
            ref MemoryMarshal.GetArrayDataReference(Unsafe.As<byte[]>(_array)), _first + (nint)(sequence & _mask) * _stride));
}
