namespace HlScalper.Protocol.Actions;

/// <summary>How the orders of one <c>order</c> action relate: plain, or a parent with attached TP/SL.</summary>
public enum Grouping : byte
{
    Na = 0,
    NormalTpsl,
    PositionTpsl,
}
