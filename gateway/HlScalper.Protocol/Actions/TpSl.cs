namespace HlScalper.Protocol.Actions;

/// <summary>Take-profit or stop-loss, for trigger orders.</summary>
public enum TpSl : byte
{
    Tp = 0,
    Sl,
}
