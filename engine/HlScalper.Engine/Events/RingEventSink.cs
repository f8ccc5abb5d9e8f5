using System.Runtime.CompilerServices;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Events;

/// <summary>Writes events straight into ring slots through a sequencer: the live and replay producers' sink.</summary>
/// <remarks>
/// After <see cref="Reserve"/>(n) the next n events are claimed with one <c>Next(n)</c> and published with one <c>Publish(lo, hi)</c>
/// at the last of them: a consumer never sees part of a message, and the producer pays one claim (one compare-and-swap on a
/// multi-producer ring) for all of them. A message larger than the ring goes in ring-sized ranges.
/// </remarks>
public struct RingEventSink(RingBuffer<MarketEvent> ring, Sequencer sequencer) : IMarketEventSink
{
    private long _claimed = -1;
    // The range claimed from the sequencer: published when the slot at _high is.
    private long _low;
    private long _high = -1;
    // Events announced by Reserve and not yet claimed from the sequencer.
    private int _reserved;

    /// <summary>Events published through this sink.</summary>
    public long Published { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reserve(int count) => _reserved = count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MarketEvent Claim()
    {
        if (_claimed == _high) ClaimRange();
        else _claimed++;
        return ref ring[_claimed];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish()
    {
        if (_claimed != _high) return;
        if (_low == _high) sequencer.Publish(_high);
        else sequencer.Publish(_low, _high);
        Published += _high - _low + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ClaimRange()
    {
        var n = Math.Clamp(_reserved, 1, sequencer.BufferSize);
        _reserved = Math.Max(0, _reserved - n);
        _high = sequencer.Next(n);
        _low = _claimed = _high - n + 1;
    }
}
