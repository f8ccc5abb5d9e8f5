using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A preallocated power-of-two array of struct slots, addressed by sequence and accessed by <c>ref</c>.</summary>
/// <remarks>
/// Storage only: who may write which slot is decided by a <see cref="Sequencer"/> made over <see cref="Stamps"/>.
/// Slots are written in place (<c>ref var e = ref ring[sequencer.Next()]</c>, set the fields, publish), so an
/// event never allocates and never copies. An event of a cache line or more carries its publication stamp in
/// front of it (<see cref="RingSlot{T}"/>); for events without references that array is pinned and its first
/// slot starts on a line, so the stamp shares a line with the event's first 56 bytes in every slot whose size is
/// a multiple of 64 (<c>MarketEvent</c>: 1,080 + 8 = 17 lines). Smaller events keep their stamps in an array of
/// their own: eight more bytes a slot would cost them a third of their density, measured slower for one producer
/// (one-to-one, 16 B: 12.7 → 18.1 ns an event), which never reads a stamp. At least 128 bytes of padding at both
/// ends keep the first and last slots off lines shared with the array header or a neighbouring object.
/// </remarks>
public sealed class RingBuffer<T> where T : struct
{
    private const int PaddingBytes = 128;
    private const int CacheLine = 64;

    // The array, first slot and mask are read by the producer and every consumer on every event: padded so
    // no neighbouring object's written field shares their line.
    private readonly RingSlots _slots;

    /// <param name="size">Slots: a power of two.</param>
    /// <param name="lineAligned">Pin the slots with the first on a cache line (the default). A ring that one thread both writes and
    /// reads (the back-test's inline engine) has no line for two cores to share: unaligned, its array comes from the ordinary heap
    /// rather than the pinned-object heap, whose allocations count toward the large-object budget and set off a gen-2 collection
    /// every few back-tests of a sweep.</param>
    public RingBuffer(int size, bool lineAligned = true)
    {
        if (size < 1 || !BitOperations.IsPow2(size))
            throw new ArgumentOutOfRangeException(nameof(size), size, "ring size must be a power of two (1, 2, 4, ... 2^30)");
        Size = size;
        if (InlineStamps)
        {
            var (array, first) = Allocate<RingSlot<T>>(size, lineAligned);
            _slots = new RingSlots(array, first, size - 1);
            Stamps = new SlotStamps(array, first + StampOffset, Stride, size);
        }
        else
        {
            var (array, first) = Allocate<T>(size, lineAligned);
            _slots = new RingSlots(array, first, size - 1);
            var (stamps, stampsFirst) = Allocate<long>(size, lineAligned);
            Stamps = new SlotStamps(stamps, stampsFirst, sizeof(long), size);
        }
    }

    /// <summary>Number of slots.</summary>
    public int Size { get; }

    /// <summary>The slots' publication stamps: give them to the ring's sequencer.</summary>
    public SlotStamps Stamps { get; }

    /// <summary>The slot for <paramref name="sequence"/>; valid only between claim and publish (writer) or wait and release (reader).</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref At(ref First, sequence & _slots.Mask);
    }

    /// <summary>The first byte of the slot of sequence 0: with <see cref="Mask"/> and <see cref="At"/>, lets a loop keep the slot
    /// address in a register instead of re-reading this object's fields after every handler store.</summary>
    internal ref byte First
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.AddByteOffset(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<byte[]>(_slots.Array)), _slots.First);
    }

    /// <summary>Size − 1: a sequence's slot is <c>At(ref First, sequence &amp; Mask)</c>.</summary>
    internal long Mask => _slots.Mask;

    /// <summary>The event in slot <paramref name="index"/> counted from <paramref name="first"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref T At(ref byte first, long index) =>
        ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref first, (nint)index * Stride + ValueOffset));

    // Constants per T once compiled: the branches below are gone from every caller.
    private static bool InlineStamps => Unsafe.SizeOf<T>() >= CacheLine;

    private static nint Stride => InlineStamps ? Unsafe.SizeOf<RingSlot<T>>() : Unsafe.SizeOf<T>();

    // Measured, not assumed: the runtime may lay out a slot whose event holds references in its own order.
    private static readonly nint ValueOffset = InlineStamps ? OffsetOf(static (ref RingSlot<T> slot) => ref Unsafe.As<T, byte>(ref slot.Value)) : 0;

    private static readonly nint StampOffset = OffsetOf(static (ref RingSlot<T> slot) => ref Unsafe.As<long, byte>(ref slot.Stamp));

    private delegate ref byte FieldOf(ref RingSlot<T> slot);

    private static nint OffsetOf(FieldOf field)
    {
        var probe = new RingSlot<T>[1];
        return Unsafe.ByteOffset(ref Unsafe.As<RingSlot<T>, byte>(ref probe[0]), ref field(ref probe[0]));
    }

    // An array of size slots with padding at both ends; when aligned and for elements without references, pinned with its first
    // slot on a cache line (an element with references cannot be pinned or shifted by bytes: the GC finds references by element).
    private static (TElement[] Array, nint First) Allocate<TElement>(int size, bool lineAligned)
    {
        var elementSize = Unsafe.SizeOf<TElement>();
        var padding = (PaddingBytes + elementSize - 1) / elementSize;
        if (!lineAligned || RuntimeHelpers.IsReferenceOrContainsReferences<TElement>())
            return (new TElement[size + 2 * padding], padding * elementSize);
        var slack = (CacheLine + elementSize - 1) / elementSize;
        var array = GC.AllocateArray<TElement>(size + 2 * padding + slack, pinned: true);
        return (array, PaddingBytes + (CacheLine - AddressOf(array) % CacheLine) % CacheLine);
    }

    private static unsafe nint AddressOf<TElement>(TElement[] pinned) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
