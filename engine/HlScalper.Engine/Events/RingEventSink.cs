using System.Runtime.CompilerServices;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Events;

/// <summary>Writes events straight into ring slots through a sequencer: the live and replay producers' sink.</summary>
public struct RingEventSink(RingBuffer<MarketEvent> ring, Sequencer sequencer) : IMarketEventSink
{
    private long _claimed = -1;

    /// <summary>Events published through this sink.</summary>
    public long Published { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MarketEvent Claim()
    {
        _claimed = sequencer.Next();
        return ref ring[_claimed];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish()
    {
        sequencer.Publish(_claimed);
        Published++;
    }
}
