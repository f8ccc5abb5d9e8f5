using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace HlScalper.Testing;

/// <summary>Writes node output the way a Hyperliquid node does (an L4 snapshot, per-block JSON lines in a <c>hl/data</c> tarball), from hand-written events.</summary>
public static class NodeFiles
{
    public const string User = "0x1111111111111111111111111111111111111111";

    /// <summary>Entry names of the three by-block files inside the tarball, as in the real capture.</summary>
    public const string DiffsEntry = "hl/data/node_raw_book_diffs_by_block/hourly/20260101/0";
    public const string FillsEntry = "hl/data/node_fills_by_block/hourly/20260101/0";
    public const string StatusesEntry = "hl/data/node_order_statuses_by_block/hourly/20260101/0";

    public static string SnapshotOrder(long oid, string side, string px, string sz, long timestampMs, string coin = "BTC") =>
        $$"""["{{User}}",{"coin":"{{coin}}","side":"{{side}}","limitPx":"{{px}}","sz":"{{sz}}","oid":{{oid}},"timestamp":{{timestampMs}},"triggerCondition":"N/A","isTrigger":false,"triggerPx":"0.0","children":[],"isPositionTpsl":false,"reduceOnly":false,"orderType":"Limit","origSz":"{{sz}}","tif":"Alo","cloid":null}]""";

    /// <summary>The snapshot document: <c>[height, [[coin, [[bids], [asks]]], …]]</c>.</summary>
    public static string Snapshot(long height, params (string Coin, string[] Bids, string[] Asks)[] books) =>
        $"[{height},[{string.Join(",", books.Select(b => $"[\"{b.Coin}\",[[{string.Join(",", b.Bids)}],[{string.Join(",", b.Asks)}]]]"))}]]";

    public static string Line(long block, string blockTime, params string[] events) =>
        $$"""{"local_time":"{{blockTime}}","block_time":"{{blockTime}}","block_number":{{block}},"events":[{{string.Join(",", events)}}]}""";

    public static string New(long oid, string side, string px, string sz, string coin = "BTC") =>
        $$$$"""{"user":"{{{{User}}}}","oid":{{{{oid}}}},"coin":"{{{{coin}}}}","side":"{{{{side}}}}","px":"{{{{px}}}}","raw_book_diff":{"new":{"sz":"{{{{sz}}}}"}}}""";

    public static string Update(long oid, string side, string px, string origSz, string newSz) =>
        $$$$"""{"user":"{{{{User}}}}","oid":{{{{oid}}}},"coin":"BTC","side":"{{{{side}}}}","px":"{{{{px}}}}","raw_book_diff":{"update":{"origSz":"{{{{origSz}}}}","newSz":"{{{{newSz}}}}"}}}""";

    public static string Remove(long oid, string side, string px) =>
        $$"""{"user":"{{User}}","oid":{{oid}},"coin":"BTC","side":"{{side}}","px":"{{px}}","raw_book_diff":"remove"}""";

    public static string Fill(long oid, string side, string px, string sz, long timeMs, long tid, bool crossed, string coin = "BTC") =>
        $$"""["{{User}}",{"coin":"{{coin}}","px":"{{px}}","sz":"{{sz}}","side":"{{side}}","time":{{timeMs}},"startPosition":"0.0","dir":"Open Long","closedPnl":"0.0","hash":"0x00","oid":{{oid}},"crossed":{{(crossed ? "true" : "false")}},"fee":"0.0","tid":{{tid}},"feeToken":"USDC","twapId":null}]""";

    public static string Status(long oid, string status, string side, string px, string sz, long timestampMs, string coin = "BTC") =>
        $$$"""{"time":"2026-01-01T00:00:00.000000000","user":"{{{User}}}","hash":null,"builder":null,"status":"{{{status}}}","order":{"coin":"{{{coin}}}","side":"{{{side}}}","limitPx":"{{{px}}}","sz":"{{{sz}}}","oid":{{{oid}}},"timestamp":{{{timestampMs}}},"triggerCondition":"N/A","isTrigger":false,"triggerPx":"0.0","children":[],"isPositionTpsl":false,"reduceOnly":false,"orderType":"Limit","origSz":"{{{sz}}}","tif":"Alo","cloid":null}}""";

    public static void WriteGzip(string path, string text)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A <c>.tar.gz</c> holding one regular file per entry, each its lines joined by '\n' with a final '\n'.</summary>
    public static void WriteArchive(string path, params (string Entry, IEnumerable<string> Lines)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach (var (entry, lines) in entries)
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(bytes) });
        }
    }
}
