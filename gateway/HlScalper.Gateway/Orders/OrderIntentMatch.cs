using HlScalper.Engine.Orders;

namespace HlScalper.Gateway.Orders;

/// <summary>Whether a ready frame was signed for exactly the intent the engine now submits (every field that reaches the wire).</summary>
public static class OrderIntentMatch
{
    public static bool SameWire(in OrderIntent a, in OrderIntent b) => a.Kind == b.Kind && a.Coin == b.Coin && a.Kind switch
    {
        IntentKind.Place => a.Side == b.Side && a.Tif == b.Tif && a.ReduceOnly == b.ReduceOnly && a.Px == b.Px && a.Sz == b.Sz && a.Cloid == b.Cloid,
        IntentKind.CancelByCloid => a.Cloid == b.Cloid,
        IntentKind.Cancel => a.Oid == b.Oid,
        _ => false,
    };
}
