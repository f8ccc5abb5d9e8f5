namespace HlScalper.Archive;

/// <summary>One kind of file in Hyperliquid's requester-pays archive: its bucket, how its keys are named and which dates it covers.</summary>
/// <remarks>
/// Layouts and date ranges are those of <c>../shared/data/hyperliquid/README.md</c>. Node fills changed
/// layout on 2025-07-27 (<c>node_fills</c> → <c>node_fills_by_block</c>); on that day both are tried.
/// </remarks>
public sealed class ArchiveKind
{
    public const string MarketBucket = "hyperliquid-archive";
    public const string NodeBucket = "hl-mainnet-node-data";

    private static readonly DateOnly FillsByBlockStart = new(2025, 7, 27);

    public static readonly ArchiveKind L2Book = new("l2book", MarketBucket, perCoin: true, hourly: true, new DateOnly(2023, 4, 15), null,
        (day, hour, coin) => [$"market_data/{day:yyyyMMdd}/{hour}/l2Book/{coin}.lz4"]);

    public static readonly ArchiveKind AssetCtxs = new("asset-ctxs", MarketBucket, perCoin: false, hourly: false, new DateOnly(2023, 5, 20), null,
        (day, _, _) => [$"asset_ctxs/{day:yyyyMMdd}.csv.lz4"]);

    public static readonly ArchiveKind NodeFills = new("node-fills", NodeBucket, perCoin: false, hourly: true, new DateOnly(2025, 5, 25), null,
        (day, hour, _) => day > FillsByBlockStart ? [ByBlock(day, hour)]
            : day == FillsByBlockStart ? [ByBlock(day, hour), $"node_fills/hourly/{day:yyyyMMdd}/{hour}.lz4"]
            : [$"node_fills/hourly/{day:yyyyMMdd}/{hour}.lz4"]);

    public static readonly ArchiveKind NodeTrades = new("node-trades", NodeBucket, perCoin: false, hourly: true, new DateOnly(2025, 3, 22), new DateOnly(2025, 5, 25),
        (day, hour, _) => [$"node_trades/hourly/{day:yyyyMMdd}/{hour}.lz4"]);

    public static IReadOnlyList<ArchiveKind> All { get; } = [L2Book, AssetCtxs, NodeFills, NodeTrades];

    private readonly Func<DateOnly, int, string, string[]> _keys;

    private ArchiveKind(string name, string bucket, bool perCoin, bool hourly, DateOnly first, DateOnly? last, Func<DateOnly, int, string, string[]> keys)
    {
        Name = name;
        Bucket = bucket;
        PerCoin = perCoin;
        Hourly = hourly;
        FirstDay = first;
        LastDay = last;
        _keys = keys;
    }

    /// <summary>The name on the command line (<c>--kind</c>).</summary>
    public string Name { get; }

    public string Bucket { get; }

    /// <summary>One file per coin (l2Book) rather than one for every coin.</summary>
    public bool PerCoin { get; }

    /// <summary>One file per hour rather than per day.</summary>
    public bool Hourly { get; }

    /// <summary>The first day the archive holds this kind.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The last day, for a layout the archive no longer writes; null while it still grows.</summary>
    public DateOnly? LastDay { get; }

    /// <summary>The keys under which this hour (or day) may be stored, in the order to try them.</summary>
    public IReadOnlyList<string> KeysFor(DateOnly day, int hour, string coin) => _keys(day, hour, coin);

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static ArchiveKind? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;

    private static string ByBlock(DateOnly day, int hour) => $"node_fills_by_block/hourly/{day:yyyyMMdd}/{hour}.lz4";
}
