namespace HlScalper.Engine.Orders;

/// <summary>What an order intent asks the exchange to do.</summary>
public enum IntentKind : byte
{
    None = 0,
    Place,
    CancelByCloid,
    Cancel,
    /// <summary>Cancel every working order of the coin (risk: equity stop, kill switch, stale feed, shutdown).</summary>
    CancelAll,
}
