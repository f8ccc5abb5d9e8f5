using System.Text.RegularExpressions;

namespace HlScalper.Replay.Data.Collector;

/// <summary>Tells the collector's tables apart by their column names (CSV header or Parquet schema) and finds a file's coin in its name.</summary>
public static partial class CollectorColumns
{
    public const int Levels = 20;

    /// <summary>The table these columns make, or None.</summary>
    public static CollectorTable Classify(IReadOnlyCollection<string> columns)
    {
        if (!columns.Contains("exchange_timestamp") || !columns.Contains("timestamp")) return CollectorTable.None;
        if (columns.Contains("bid_price_0") && columns.Contains("ask_price_0")) return CollectorTable.Books;
        if (columns.Contains("trade_id") && columns.Contains("price") && columns.Contains("side")) return CollectorTable.Trades;
        if (columns.Contains("price") && columns.Contains("size") && columns.Contains("side")) return CollectorTable.Bbo;
        return CollectorTable.None;
    }

    /// <summary>The coin a collector file names (<c>orderbooks_BTC.csv</c> → BTC); null when the name carries none (<c>orderbooks_1765401094886.parquet</c>).</summary>
    public static string? CoinOf(string path)
    {
        var match = NamedFile().Match(Path.GetFileName(path));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^(?:orderbooks|trades|prices)_([A-Za-z][A-Za-z0-9]*)\.", RegexOptions.CultureInvariant)]
    private static partial Regex NamedFile();
}
