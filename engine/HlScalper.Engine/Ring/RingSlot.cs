using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>One slot of a ring of events of a cache line or more: the event and, in front of it, the sequence last published into it.</summary>
/// <remarks>
/// The stamp sits on the same cache line as the event's first bytes, so a consumer that polls it gets the
/// news and the head of the event in one line transfer instead of two (the cursor's line, then the slot's).
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct RingSlot<T> where T : struct
{
    public long Stamp;
    public T Value;
}
