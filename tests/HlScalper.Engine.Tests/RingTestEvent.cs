namespace HlScalper.Engine.Tests;

/// <summary>A small ring event for ring tests: a payload and a mark each pipeline stage leaves behind.</summary>
public struct RingTestEvent
{
    public long Value;
    public int Producer;
    public int Stage;
}
