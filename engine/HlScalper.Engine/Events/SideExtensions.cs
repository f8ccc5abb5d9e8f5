namespace HlScalper.Engine.Events;

/// <summary>Side arithmetic used by strategy and fill models.</summary>
public static class SideExtensions
{
    /// <summary>+1 for a buy, −1 for a sell: multiply a price move by it to get the move in the position's favour.</summary>
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;

    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;
}
