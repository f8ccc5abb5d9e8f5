namespace HlScalper.Bench.Ring;

/// <summary>An 8-byte event, the payload Disruptor-net's published one-to-one figures use.</summary>
public struct SmallEvent
{
    public long Value;
}
