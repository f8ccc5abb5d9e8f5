using System.Text;
using K4os.Compression.LZ4.Streams;

namespace HlScalper.Archive.Tests.Support;

/// <summary>Archive-shaped objects made at test time from the real archive hour in ../shared (never copied into the repository).</summary>
public static class ArchiveSamples
{
    /// <summary>Lines in the real hour, from the data README.</summary>
    public const int RealHourLines = 5_587;

    public const string RealHourRelative = "data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4";

    /// <summary>The real file <c>market_data/20240101/12/l2Book/BTC.lz4</c>, byte for byte.</summary>
    public static byte[] RealHour() => File.ReadAllBytes(SharedData.PathOf(RealHourRelative));

    /// <summary>The real hour's lines cut into <paramref name="pieces"/> consecutive runs, each its own LZ4 frame like an archive file.</summary>
    public static byte[][] Split(int pieces)
    {
        using var decoded = LZ4Stream.Decode(File.OpenRead(SharedData.PathOf(RealHourRelative)));
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        var per = (lines.Count + pieces - 1) / pieces;
        return Enumerable.Range(0, pieces).Select(i => Lz4(string.Join('\n', lines.Skip(i * per).Take(per)) + "\n")).ToArray();
    }

    /// <summary>Text as an LZ4 frame (the archive's compression).</summary>
    public static byte[] Lz4(string text)
    {
        using var output = new MemoryStream();
        using (var encoder = LZ4Stream.Encode(output, leaveOpen: true)) encoder.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    /// <summary>The key of a coin's l2Book hour.</summary>
    public static string BookKey(string day, int hour, string coin = "BTC") => $"market_data/{day}/{hour}/l2Book/{coin}.lz4";
}
