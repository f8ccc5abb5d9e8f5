namespace HlScalper.Replay.Metrics;

/// <summary>Whether a trade's entry or exit fills added liquidity (maker), took it (taker), both, or had none (closed at the end of the data).</summary>
public enum Liquidity : byte
{
    None,
    Maker,
    Taker,
    Mixed,
}
