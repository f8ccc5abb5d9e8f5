namespace HlScalper.Engine.Events;

/// <summary>Buy (bid, Hyperliquid "B") or sell (ask, "A").</summary>
public enum Side : byte
{
    Buy = 0,
    Sell = 1,
}
