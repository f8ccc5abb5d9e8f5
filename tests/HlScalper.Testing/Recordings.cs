using System.IO.Compression;
using System.Text;
using System.Text.Json;
using K4os.Compression.LZ4.Streams;

namespace HlScalper.Testing;

/// <summary>The real recorded WebSocket messages under <c>../shared</c>, as the raw message bytes the codec sees.</summary>
public static class Recordings
{
    public const string ArchiveBtc = "data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4";
    public const string HftBacktest = "data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz";
    public const string WsExamples = "spec/ws-examples.jsonl";

    public static string Derived(string coin) => $"data/hyperliquid/derived_ws_20250904/{coin}.lz4";

    private static readonly Dictionary<string, List<byte[]>> Cache = [];

    /// <summary>The <c>raw</c> object of every line of an archive-format LZ4 file.</summary>
    public static List<byte[]> ArchiveMessages(string relative) => Cached(relative, path =>
    {
        using var file = File.OpenRead(path);
        using var lz4 = LZ4Stream.Decode(file);
        return Lines(lz4).Select(RawOf).ToList();
    });

    /// <summary>The message after the nanosecond timestamp of every hftbacktest line.</summary>
    public static List<byte[]> HftBacktestMessages() => Cached(HftBacktest, path =>
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return Lines(gzip).Select(line => line[(Array.IndexOf(line, (byte)' ') + 1)..]).ToList();
    });

    /// <summary>Every server-to-client message in the spec's examples, with its kind label.</summary>
    public static List<(string Kind, byte[] Message)> Examples()
    {
        var path = SharedData.PathOf(WsExamples);
        var result = new List<(string, byte[])>();
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("direction").GetString() != "server->client") continue;
            result.Add((doc.RootElement.GetProperty("kind").GetString()!, Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("message").GetRawText())));
        }
        return result;
    }

    /// <summary>Every line of an archive-format file written by the recorder: its time string and raw message.</summary>
    public static List<(string Time, byte[] Raw)> ReadArchiveFile(string path)
    {
        using var file = File.OpenRead(path);
        using var lz4 = LZ4Stream.Decode(file);
        return Lines(lz4).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            Assert.That(doc.RootElement.GetProperty("ver_num").GetInt32(), Is.EqualTo(1));
            return (doc.RootElement.GetProperty("time").GetString()!, RawOf(line));
        }).ToList();
    }

    /// <summary>Every real message: archive, derived BTC/ETH/SOL, hftbacktest.</summary>
    public static IEnumerable<byte[]> All() =>
        ArchiveMessages(ArchiveBtc)
            .Concat(ArchiveMessages(Derived("BTC")))
            .Concat(ArchiveMessages(Derived("ETH")))
            .Concat(ArchiveMessages(Derived("SOL")))
            .Concat(HftBacktestMessages());

    private static List<byte[]> Cached(string relative, Func<string, List<byte[]>> load)
    {
        var path = SharedData.PathOf(relative);
        lock (Cache)
        {
            if (!Cache.TryGetValue(relative, out var messages)) Cache[relative] = messages = load(path);
            return messages;
        }
    }

    private static IEnumerable<byte[]> Lines(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
            yield return Encoding.UTF8.GetBytes(line);
    }

    private static byte[] RawOf(byte[] line)
    {
        var r = new Utf8JsonReader(line);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var isRaw = r.ValueTextEquals("raw"u8);
            r.Read();
            var start = (int)r.TokenStartIndex;
            r.Skip();
            if (isRaw) return line[start..(int)r.BytesConsumed];
        }
        throw new InvalidDataException($"no 'raw' in archive line {Encoding.UTF8.GetString(line.AsSpan(0, Math.Min(80, line.Length)))}");
    }
}
