using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A cache-line-padded 64-bit sequence counter shared between one writer and many readers.</summary>
/// <remarks>
/// The value sits alone on a 128-byte region (two cache lines on each side with adjacent-line prefetch)
/// so a producer's cursor and a consumer's sequence never false-share.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Sequence
{
    /// <summary>The value of a sequence nothing has been published to yet.</summary>
    public const long InitialValue = -1;

    // padding: bytes 0..55 (after the object header) keep neighbours off this line
    [FieldOffset(56)]
    private long _value;
    // padding: bytes 64..127

    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>Acquire read: everything the writer did before its release write is visible after this.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Release write: publishes every preceding write (the event in its slot) with the new value.</summary>
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Full fence write, for the rare place where a later read must not move before it.</summary>
    public void SetValueVolatile(long value) => Interlocked.Exchange(ref _value, value);

    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value, next, expected) == expected;

    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> when it is smaller or the set is empty.</summary>
    public static long Minimum(Sequence[] sequences, long minimum = long.MaxValue)
    {
        for (var i = 0; i < sequences.Length; i++)
        {
            var v = sequences[i].Value;
            if (v < minimum) minimum = v;
        }
        return minimum;
    }
}
