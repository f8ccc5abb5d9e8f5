using System.Globalization;
using HlScalper.Engine.Risk;

namespace HlScalper.Engine.Strategy;

/// <summary>Strategy and risk parameters of one engine, settable by name from <c>key=value</c> strings (the CLI's <c>--set</c>, parameter sweeps).</summary>
public sealed class EngineConfig
{
    public StrategyConfig Strategy { get; } = new();

    public RiskConfig Risk { get; } = new();

    /// <summary>Every settable key, in the order shown by <c>--help</c>.</summary>
    public static IReadOnlyList<Setting> Settings { get; } =
    [
        new("imbalance", "long above this bid share of the top levels, short below 1 - this (0.6)",
            (c, v) => c.Strategy.ImbalanceThreshold = Fraction(v, open: true), c => Show(c.Strategy.ImbalanceThreshold)),
        new("levels", "book levels a side in the imbalance (5)",
            (c, v) => c.Strategy.ImbalanceLevels = Int(v, 1, 20), c => Show(c.Strategy.ImbalanceLevels)),
        new("spread_bps", "trigger only while the spread is below this many bps (2)",
            (c, v) => c.Strategy.MaxSpreadBps = Positive(v), c => Show(c.Strategy.MaxSpreadBps)),
        new("ema_s", "time constant of the mid EMA behind momentum, seconds (15)",
            (c, v) => c.Strategy.EmaTimeConstantMs = Millis(v), c => ShowSeconds(c.Strategy.EmaTimeConstantMs)),
        new("direction", "long | short | both (both)",
            (c, v) => c.Strategy.Direction = Direction(v), c => c.Strategy.Direction switch
            {
                TradeDirection.LongOnly => "long",
                TradeDirection.ShortOnly => "short",
                _ => "both",
            }),
        new("entry_timeout_s", "cancel an unfilled entry after this many seconds (2)",
            (c, v) => c.Strategy.EntryTimeoutMs = Millis(v), c => ShowSeconds(c.Strategy.EntryTimeoutMs)),
        new("tp_ticks", "take-profit distance from entry, ticks (2)",
            (c, v) => c.Strategy.TakeProfitTicks = Int(v, 1, 1000), c => Show(c.Strategy.TakeProfitTicks)),
        new("timeout_s", "close a position older than this many seconds (5)",
            (c, v) => c.Strategy.PositionTimeoutMs = Millis(v), c => ShowSeconds(c.Strategy.PositionTimeoutMs)),
        new("adverse_ticks", "close a position this many ticks under water (4)",
            (c, v) => c.Strategy.AdverseTicks = Int(v, 1, 1000), c => Show(c.Strategy.AdverseTicks)),
        new("exit_slip_ticks", "IOC exits priced this many ticks through the opposite best (3)",
            (c, v) => c.Strategy.ExitSlippageTicks = Int(v, 0, 1000), c => Show(c.Strategy.ExitSlippageTicks)),
        new("exit_retry_s", "resend an IOC exit still unanswered this many seconds after it was sent when the socket reconnected since; ten times this long on a socket that stayed up (1)",
            (c, v) => c.Strategy.ExitRetryMs = Millis(v), c => ShowSeconds(c.Strategy.ExitRetryMs)),
        new("kelly_fraction", "fraction of the Kelly bet staked (0.5)",
            (c, v) => c.Strategy.KellyFraction = Fraction(v, open: false), c => Show(c.Strategy.KellyFraction)),
        new("max_equity_pct", "cap on an entry's notional, percent of equity (0.5)",
            (c, v) => c.Strategy.MaxEquityFraction = Percent(v), c => Show(c.Strategy.MaxEquityFraction * 100)),
        new("min_notional", "smallest entry value in USDC, the exchange minimum (10)",
            (c, v) => c.Strategy.MinNotionalUsd = Positive(v), c => Show(c.Strategy.MinNotionalUsd)),
        new("prior_p", "Kelly prior hit rate (0.7)",
            (c, v) => c.Strategy.PriorHitRate = Fraction(v, open: true), c => Show(c.Strategy.PriorHitRate)),
        new("prior_win_ticks", "Kelly prior average win, ticks (2)",
            (c, v) => c.Strategy.PriorWinTicks = Positive(v), c => Show(c.Strategy.PriorWinTicks)),
        new("prior_loss_ticks", "Kelly prior average loss, ticks (4)",
            (c, v) => c.Strategy.PriorLossTicks = Positive(v), c => Show(c.Strategy.PriorLossTicks)),
        new("prior_n", "trades the Kelly prior weighs (20)",
            (c, v) => c.Strategy.PriorTrades = Positive(v), c => Show(c.Strategy.PriorTrades)),
        new("cloid_prefix", "high 8 bytes of our cloids, hex (0x484c5343414c5052)",
            (c, v) => c.Strategy.CloidPrefix = Hex(v), c => $"0x{c.Strategy.CloidPrefix:x16}"),
        new("equity", "equity in USDC assumed until the exchange reports it (10000)",
            (c, v) => c.Risk.StartingEquityUsd = Positive(v), c => Show(c.Risk.StartingEquityUsd)),
        new("max_pos_usd", "largest position notional, USDC (1000)",
            (c, v) => c.Risk.MaxPositionNotionalUsd = Positive(v), c => Show(c.Risk.MaxPositionNotionalUsd)),
        new("max_open_orders", "no entry while this many orders are live (2)",
            (c, v) => c.Risk.MaxOpenOrders = Int(v, 1, 1000), c => Show(c.Risk.MaxOpenOrders)),
        new("cancels_per_s", "cancels in any rolling second (10)",
            (c, v) => c.Risk.MaxCancelsPerSecond = Int(v, 1, 1000), c => Show(c.Risk.MaxCancelsPerSecond)),
        new("drawdown_pct", "equity stop: intraday drawdown from the day's peak, percent (2)",
            (c, v) => c.Risk.MaxDrawdownFraction = Percent(v), c => Show(c.Risk.MaxDrawdownFraction * 100)),
        new("stale_s", "feed stale after this many seconds without a book update (3)",
            (c, v) => c.Risk.StaleFeedMs = Millis(v), c => ShowSeconds(c.Risk.StaleFeedMs)),
        new("deadman_failures", "alarm when the dead-man refresh failed more than this many times in a row (2)",
            (c, v) => c.Risk.DeadManFailuresBeforeAlarm = Int(v, 0, 1000), c => Show(c.Risk.DeadManFailuresBeforeAlarm)),
    ];

    /// <summary>Sets one parameter from a <c>key=value</c> string.</summary>
    /// <exception cref="ArgumentException">Not <c>key=value</c>, an unknown key, or a value out of range; the message says which and why.</exception>
    public void Set(string keyValue)
    {
        var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"'{keyValue}' is not key=value (keys: {KeyList()})");
        Set(keyValue[..eq].Trim(), keyValue[(eq + 1)..].Trim());
    }

    public void Set(string key, string value)
    {
        var setting = Find(key) ?? throw new ArgumentException($"unknown parameter '{key}' (keys: {KeyList()})");
        try
        {
            setting.Write(this, value);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"{key}={value}: {e.Message}", e);
        }
    }

    /// <summary>Sets every <c>key=value</c> in order (a later one wins).</summary>
    public EngineConfig With(params IEnumerable<string> keyValues)
    {
        foreach (var kv in keyValues) Set(kv);
        return this;
    }

    /// <summary>The current value of <paramref name="key"/> in the form <see cref="Set(string, string)"/> accepts.</summary>
    public string Get(string key) => (Find(key) ?? throw new ArgumentException($"unknown parameter '{key}' (keys: {KeyList()})")).Read(this);

    private static Setting? Find(string key)
    {
        foreach (var s in Settings)
            if (string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)) return s;
        return null;
    }

    private static string KeyList() => string.Join(", ", Settings.Select(s => s.Key));

    private static double Number(string v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) is var d && double.IsFinite(d)
        ? d
        : throw new FormatException("not a finite number");

    private static double Positive(string v) => Number(v) is > 0 and var d ? d : throw new FormatException("must be above 0");

    private static double Fraction(string v, bool open)
    {
        var d = Number(v);
        var ok = open ? d is > 0 and < 1 : d is > 0 and <= 1;
        return ok ? d : throw new FormatException(open ? "must be strictly between 0 and 1" : "must be in (0, 1]");
    }

    private static double Percent(string v) => Number(v) is > 0 and <= 100 and var d ? d / 100 : throw new FormatException("must be a percent in (0, 100]");

    private static long Millis(string v) => Positive(v) * 1000 is var ms and <= long.MaxValue / 2 ? (long)Math.Round(ms) : throw new FormatException("too large");

    private static int Int(string v, int min, int max) =>
        int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) is var i && i >= min && i <= max
            ? i
            : throw new FormatException($"must be a whole number from {min} to {max}");

    private static ulong Hex(string v)
    {
        var digits = v.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? v[2..] : v;
        return ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) is var p and not 0
            ? p
            : throw new FormatException("must not be zero");
    }

    private static TradeDirection Direction(string v) => v.ToLowerInvariant() switch
    {
        "both" => TradeDirection.Both,
        "long" => TradeDirection.LongOnly,
        "short" => TradeDirection.ShortOnly,
        _ => throw new FormatException("must be long, short or both"),
    };

    private static string Show(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string ShowSeconds(long ms) => Show(ms / 1000.0);
}
