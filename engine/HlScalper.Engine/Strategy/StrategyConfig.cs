namespace HlScalper.Engine.Strategy;

/// <summary>Every parameter of signals, triggers, sizing and exits of the slot-runner scalp; defaults are the playbook's (§3).</summary>
/// <remarks>Set by name through <see cref="EngineConfig.Set(string, string)"/>; read once when the engine is built.</remarks>
public sealed class StrategyConfig
{
    /// <summary>Book levels a side summed by the imbalance signal.</summary>
    public int ImbalanceLevels { get; set; } = 5;

    /// <summary>Long when imbalance is above this; short when below 1 − this.</summary>
    public double ImbalanceThreshold { get; set; } = 0.60;

    /// <summary>Triggers only while the spread is strictly below this many basis points.</summary>
    public double MaxSpreadBps { get; set; } = 2.0;

    /// <summary>Time constant of the mid EMA behind micro-momentum, in event-time milliseconds.</summary>
    public long EmaTimeConstantMs { get; set; } = 15_000;

    public TradeDirection Direction { get; set; } = TradeDirection.Both;

    /// <summary>An entry still unfilled after this long is cancelled.</summary>
    public long EntryTimeoutMs { get; set; } = 2_000;

    /// <summary>Take-profit distance from the average entry price, in ticks at that price.</summary>
    public int TakeProfitTicks { get; set; } = 2;

    /// <summary>A position older than this is closed with a reduce-only IOC.</summary>
    public long PositionTimeoutMs { get; set; } = 5_000;

    /// <summary>A position whose exit price moved this many ticks against the entry is closed with a reduce-only IOC.</summary>
    public int AdverseTicks { get; set; } = 4;

    /// <summary>How far through the opposite best an IOC exit is priced, in ticks, so it stays marketable while the book moves.</summary>
    public int ExitSlippageTicks { get; set; } = 3;

    /// <summary>An IOC exit with no answer this long after it was sent, with a reconnect since (or ten times this long without one), is presumed lost and sent again (reduce-only, so a late duplicate cannot over-close).</summary>
    public long ExitRetryMs { get; set; } = 1_000;

    /// <summary>Fraction of the Kelly bet actually staked (0.5 = half Kelly).</summary>
    public double KellyFraction { get; set; } = 0.5;

    /// <summary>Hard cap on an entry's notional as a fraction of equity (0.005 = 0.5 %).</summary>
    public double MaxEquityFraction { get; set; } = 0.005;

    /// <summary>The exchange's minimum order value in USDC; smaller entries are skipped.</summary>
    public double MinNotionalUsd { get; set; } = 10.0;

    /// <summary>Prior hit rate of the Kelly estimate; see <see cref="KellySizer"/> for where the prior comes from.</summary>
    public double PriorHitRate { get; set; } = 0.70;

    /// <summary>Prior average win, in ticks (the take-profit distance).</summary>
    public double PriorWinTicks { get; set; } = 2.0;

    /// <summary>Prior average loss, in ticks (the adverse-exit distance).</summary>
    public double PriorLossTicks { get; set; } = 4.0;

    /// <summary>How many trades the prior weighs, so the strategy's own trades take over after a few dozen.</summary>
    public double PriorTrades { get; set; } = 20.0;

    /// <summary>High 8 bytes of every cloid the engine sends ("HLSCALPR"), so recovery can adopt its own orders.</summary>
    public ulong CloidPrefix { get; set; } = 0x484C_5343_414C_5052;
}
