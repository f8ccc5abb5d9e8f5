using System.Globalization;
using HlScalper.Engine.Ring;

namespace HlScalper.Live.Config;

/// <summary>The live runtime's own settings (threads, dead-man, polling, leverage, exit), settable by name from a config file or <c>--set</c> like the engine's.</summary>
public sealed class RuntimeSettings
{
    /// <summary>Every runtime key with its meaning, for errors and <c>--help</c>.</summary>
    public static IReadOnlyList<(string Key, string Help)> Keys { get; } =
    [
        ("wait", $"engine thread wait strategy: {string.Join(" | ", WaitStrategies.Names)} (yielding)"),
        ("engine_cpu", "CPU to pin the engine thread to (unpinned)"),
        ("io_cpu", "CPU to pin the feed's I/O thread (the socket receive loop, named feed-io) to (unpinned)"),
        ("deadman_s", "dead-man switch: orders die this many seconds (plus 1 s of margin) after the last refresh; refreshed every half of it (8; at least 5)"),
        ("equity_poll_s", "poll clearinghouseState for equity every this many seconds (5)"),
        ("leverage", "cross leverage set on start with updateLeverage (5)"),
        ("flatten_on_exit", "close the position with a reduce-only IOC on exit: true | false (false)"),
        ("instance", "name that keeps two engines on one account and coin apart in their cloid prefix (none)"),
        ("watchdog_stall_s", "the watchdog ends the run (alarm, dead-man refresh stopped, orders cancelled, exit 3) when the engine sits this long on waiting events (3)"),
        ("clock_check_s", "re-measure the clock skew against the exchange this often; local events are stamped with exchange time (60)"),
        ("warmup_s", "before the feed connects, run a throwaway copy of the pipeline (same code; its own ring, engine, key and state; nothing sent) over a synthetic market this many seconds, so the JIT has optimised the path before the first live tick (2; 0 = none; at most 10)"),
        ("nonce_pool", "sign orders from a pool of precomputed random nonces (about 2 µs an order) instead of a full RFC 6979 signature each (about 25 µs): true | false (true; needs libsecp256k1)"),
    ];

    public string Wait { get; set; } = "yielding";

    public int? EngineCpu { get; set; }

    public int? IoCpu { get; set; }

    public TimeSpan DeadManAhead { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan EquityPoll { get; set; } = TimeSpan.FromSeconds(5);

    public int Leverage { get; set; } = 5;

    public bool FlattenOnExit { get; set; }

    public string Instance { get; set; } = "";

    public TimeSpan WatchdogStall { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan ClockCheck { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Orders are signed from a <c>NoncePool</c> (random nonces precomputed on a background thread) when libsecp256k1 is installed.</summary>
    public bool NoncePool { get; set; } = true;

    /// <summary>How long to warm the path (JIT) with a throwaway copy of the pipeline before the first live tick (<see cref="LivePipeline.WarmUp"/>); zero = not at all.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sets <paramref name="key"/> when it is a runtime key; false when it is not one (it may be an engine key).</summary>
    /// <exception cref="FormatException">The value does not fit the key.</exception>
    public bool TrySet(string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "wait":
                Wait = WaitStrategies.Names.Contains(value) ? value : throw new FormatException($"must be one of {string.Join(", ", WaitStrategies.Names)}");
                return true;
            case "engine_cpu":
                EngineCpu = Cpu(value);
                return true;
            case "io_cpu":
                IoCpu = Cpu(value);
                return true;
            case "deadman_s":
                DeadManAhead = TimeSpan.FromSeconds(Seconds(value, min: 5));
                return true;
            case "equity_poll_s":
                EquityPoll = TimeSpan.FromSeconds(Seconds(value, min: 0.1));
                return true;
            case "leverage":
                Leverage = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var leverage) && leverage is >= 1 and <= 100
                    ? leverage
                    : throw new FormatException("must be a whole number from 1 to 100");
                return true;
            case "flatten_on_exit":
                FlattenOnExit = bool.TryParse(value, out var flatten) ? flatten : throw new FormatException("must be true or false");
                return true;
            case "instance":
                Instance = value;
                return true;
            case "watchdog_stall_s":
                WatchdogStall = TimeSpan.FromSeconds(Seconds(value, min: 0.1));
                return true;
            case "clock_check_s":
                ClockCheck = TimeSpan.FromSeconds(Seconds(value, min: 1));
                return true;
            case "warmup_s":
                WarmUp = TimeSpan.FromSeconds(Seconds(value, min: 0, max: LivePipeline.WarmUpMaxTime.TotalSeconds));
                return true;
            case "nonce_pool":
                NoncePool = bool.TryParse(value, out var pool) ? pool : throw new FormatException("must be true or false");
                return true;
            default:
                return false;
        }
    }

    private static int Cpu(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cpu) && cpu >= 0 && cpu < Environment.ProcessorCount
            ? cpu
            : throw new FormatException($"must be a CPU number from 0 to {Environment.ProcessorCount - 1}");

    private static double Seconds(string value, double min, double max = 3600) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s >= min && s <= max
            ? s
            : throw new FormatException($"must be a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
}
