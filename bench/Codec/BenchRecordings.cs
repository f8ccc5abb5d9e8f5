using System.IO.Compression;
using System.Text;

namespace HlScalper.Bench.Codec;

/// <summary>Real WebSocket messages for the codec suites, read from <c>../shared</c> beside the repository (never copied into it).</summary>
internal static class BenchRecordings
{
    private const string HftBacktest = "data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz";

    /// <summary>Line 0 of the hftbacktest capture: a real 20×20 BTC l2Book, 1,631 bytes.</summary>
    public static byte[] L2Book() => Line(0);

    /// <summary>Line 46 of the same capture: a real trades message with 7 trades, 1,961 bytes.</summary>
    public static byte[] Trades() => Line(46);

    private static byte[] Line(int index)
    {
        using var file = File.OpenRead(PathOf(HftBacktest));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        for (var i = 0; i < index; i++) reader.ReadLine();
        var line = reader.ReadLine() ?? throw new InvalidDataException($"{HftBacktest} has fewer than {index + 1} lines");
        return Encoding.UTF8.GetBytes(line[(line.IndexOf(' ') + 1)..]);
    }

    private static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) continue;
            var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relative));
            return File.Exists(path) ? path : throw new FileNotFoundException($"the codec benchmarks read real messages from ../shared; {path} is missing");
        }
        throw new DirectoryNotFoundException($"HlScalper.Fast.sln not found above {AppContext.BaseDirectory}");
    }
}
