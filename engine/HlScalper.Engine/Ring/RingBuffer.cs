using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A preallocated power-of-two array of struct slots, addressed by sequence and accessed by <c>ref</c>.</summary>
/// <remarks>
/// Storage only: who may write which slot is decided by a <see cref="Sequencer"/>. Slots are written
/// in place (<c>ref var e = ref ring[sequencer.Next()]</c>, set the fields, publish), so an event never
/// allocates and never copies. Padding slots at both ends keep the first and last slots off cache
/// lines shared with the array header or a neighbouring object.
/// </remarks>
public sealed class RingBuffer<T> where T : struct
{
    private const int PaddingBytes = 128;
    private static readonly int Padding = Math.Max(1, (PaddingBytes + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>());

    // The array and mask are read by the producer and every consumer on every event: padded so no
    // neighbouring object's written field shares their line.
    private readonly RingSlots _slots;

    public RingBuffer(int size)
    {
        if (size < 1 || !BitOperations.IsPow2(size))
            throw new ArgumentOutOfRangeException(nameof(size), size, "ring size must be a power of two (1, 2, 4, ... 2^30)");
        Size = size;
        _slots = new RingSlots(new T[size + 2 * Padding], size - 1);
    }

    /// <summary>Number of slots.</summary>
    public int Size { get; }

    /// <summary>The slot for <paramref name="sequence"/>; valid only between claim and publish (writer) or wait and release (reader).</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref First, (int)(sequence & _slots.Mask));
    }

    /// <summary>The slot of sequence 0 (index 0 after the leading padding): with <see cref="Mask"/>, lets a loop keep the
    /// slot address in a register instead of re-reading this object's fields after every handler store.</summary>
    internal ref T First
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(_slots.Array)), Padding);
    }

    /// <summary>Size − 1: a sequence's slot is <c>Unsafe.Add(ref First, (int)(sequence &amp; Mask))</c>.</summary>
    internal long Mask => _slots.Mask;
}
