namespace HlScalper.Bench.Ring;

/// <summary>A 16-byte event: the small payload beside the engine's 1,080-byte <c>MarketEvent</c>.</summary>
public struct SmallEvent
{
    public long Value;
    public long Other;
}
