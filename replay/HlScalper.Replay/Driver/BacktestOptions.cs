using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Driver;

/// <summary>Everything that decides a back-test's outcome besides the tape: the coin, strategy settings, exchange model and threading.</summary>
public sealed record BacktestOptions
{
    public required AssetMeta Asset { get; init; }

    /// <summary><c>key=value</c> strategy and risk settings (<see cref="Engine.Strategy.EngineConfig"/> keys), applied in order.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public SimExchangeConfig Exchange { get; init; } = new();

    /// <summary>The traded coin's funding rates through time (the <c>funding</c> verb's table, or the archive's asset contexts); null: the exchange's constant rate.</summary>
    public FundingSeries? Funding { get; init; }

    /// <summary>Run the engine on its own thread behind the ring (as live) instead of inline on the replay thread; the result is the same.</summary>
    public bool Threaded { get; init; }

    /// <summary>Timer events on this grid of exchange time, so time-outs fire in quiet markets.</summary>
    public long TimerIntervalMs { get; init; } = 250;
}
