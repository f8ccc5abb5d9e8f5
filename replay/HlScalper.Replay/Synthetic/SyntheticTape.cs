using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Synthetic;

/// <summary>The built-in market as a tape, ready to replay.</summary>
public static class SyntheticTape
{
    public static EventTape Build(SyntheticMarketConfig config)
    {
        var builder = new TapeBuilder(new CoinTable(config.Coin), 1 << 16);
        var sink = builder.Sink;
        new SyntheticMarket(config).Generate(0, ref sink);
        return builder.Build();
    }
}
