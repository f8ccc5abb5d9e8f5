using System.Globalization;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Commands;

/// <summary>The simulated-exchange options shared by <c>backtest</c> and <c>sweep</c>.</summary>
internal static class ExchangeArgs
{
    /// <summary>The queue model and fees (what the local exchange shares with the back-tester).</summary>
    public const string MatchingHelp = """
          --fill touch|queue     touch: filled when the price reaches the order (optimistic); queue: waits
                                 behind the visible size at its level (default queue)
          --queue-rule R         how cancels at our level move us up: risk (never), power (prob., x^n),
                                 log (prob., ln(1+x)) (default risk: nearest the real queues in
                                 hlscalper queue-study on L4 data)
          --queue-power N        exponent of the power rule (default 2)
          --maker-fee F          maker fee rate (default 0.00015, Hyperliquid base tier)
          --taker-fee F          taker fee rate (default 0.00045, Hyperliquid base tier)
        """;

    public const string Help = MatchingHelp + "\n" + """
          --latency-ms N         order entry latency, constant part (default 50)
          --jitter-ms N          plus a uniform jitter of 0..N ms, seeded (default 20)
          --latency-seed N       seed of the jitter (default 7)
        """;

    public static SimExchangeConfig Read(CommandArgs args)
    {
        var defaults = new SimExchangeConfig();
        var config = ReadMatching(args, defaults) with
        {
            LatencyMs = args.Long("latency-ms", defaults.LatencyMs),
            LatencyJitterMs = args.Long("jitter-ms", defaults.LatencyJitterMs),
            LatencySeed = (ulong)args.Long("latency-seed", (long)defaults.LatencySeed),
        };
        if (config.LatencyMs < 0 || config.LatencyJitterMs < 0) throw new UsageException("--latency-ms and --jitter-ms must not be negative");
        return config;
    }

    /// <summary>Fill model, queue rule and fees on top of <paramref name="defaults"/>.</summary>
    public static SimExchangeConfig ReadMatching(CommandArgs args, SimExchangeConfig defaults)
    {
        var fill = args.String("fill", "queue") switch
        {
            "touch" => FillModel.Touch,
            "queue" => FillModel.Queue,
            var other => throw new UsageException($"--fill '{other}': use touch or queue"),
        };
        var rule = args.String("queue-rule") switch
        {
            null => defaults.QueueRule,
            "risk" => QueueRule.RiskAverse,
            "power" => QueueRule.ProbPower,
            "log" => QueueRule.ProbLog,
            var other => throw new UsageException($"--queue-rule '{other}': use risk, power or log"),
        };
        var config = defaults with
        {
            Fill = fill,
            QueueRule = rule,
            QueuePower = args.Double("queue-power", defaults.QueuePower),
            MakerFeeRate = (decimal)args.Double("maker-fee", (double)defaults.MakerFeeRate),
            TakerFeeRate = (decimal)args.Double("taker-fee", (double)defaults.TakerFeeRate),
        };
        if (config.QueuePower <= 0) throw new UsageException("--queue-power must be above 0");
        return config;
    }

    public static string Describe(SimExchangeConfig c) => string.Create(CultureInfo.InvariantCulture,
        $"fill={c.Fill.ToString().ToLowerInvariant()}{(c.Fill == FillModel.Queue ? $" rule={c.QueueRule}" : "")} latency={c.LatencyMs}+U[0,{c.LatencyJitterMs}] ms (seed {c.LatencySeed}) maker={c.MakerFeeRate} taker={c.TakerFeeRate}");
}
