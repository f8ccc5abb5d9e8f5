namespace HlScalper.Engine.Strategy;

/// <summary>Which triggers the slot runner acts on.</summary>
public enum TradeDirection : byte
{
    Both = 0,
    LongOnly,
    ShortOnly,
}
