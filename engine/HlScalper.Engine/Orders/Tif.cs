namespace HlScalper.Engine.Orders;

/// <summary>Time in force: post-only (add liquidity only), immediate-or-cancel, good-till-cancel.</summary>
public enum Tif : byte
{
    Alo = 0,
    Ioc,
    Gtc,
}
