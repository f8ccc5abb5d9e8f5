using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace HlScalper.Replay.Reports;

/// <summary>The checksums <see cref="ParquetTable"/> stores in a file's metadata, one per column of each row group, so a reader tells corrupt data from data.</summary>
/// <remarks>
/// Parquet's own page checksums are optional and Parquet.Net neither writes nor checks them, so one flipped byte
/// in a compressed page can read back as plausible, wrong numbers. A hash over the column's values as the reader
/// sees them (fixed-size values by their bytes, strings by length and UTF-8) catches that.
/// <para>Written with XXH3 since 2026-12-02: a Parquet load hashes every column it decodes, and XXH64 over the real BTC book
/// table's columns was about 5 % of its load to a compact tape; XXH3 took 3–7 % off that load (alternated in one process,
/// 300 loads each, three runs). Tables with XXH64 checksums, under their own key, are still checked with XXH64.</para>
/// </remarks>
public static class ColumnChecksums
{
    /// <summary>The metadata key of the checksums this tool writes (<see cref="ChecksumAlgorithm.Xxh3"/>): row groups separated by ';', each a ','-separated list of hex checksums in schema order.</summary>
    public const string MetadataKey = "hlscalper.checksums.xxh3";

    /// <summary>The key of <see cref="ChecksumAlgorithm.Xxh64"/> checksums, in the same form, in tables written before.</summary>
    public const string Xxh64MetadataKey = "hlscalper.checksums.xxh64";

    /// <summary>The checksums a file's metadata holds, by row group and column, and their hash; null when it has none in a form this tool reads.</summary>
    public static (ulong[][] Checksums, ChecksumAlgorithm Algorithm)? Find(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(MetadataKey, out var text) ? Decode(text) is { } xxh3 ? (xxh3, ChecksumAlgorithm.Xxh3) : null
        : metadata.TryGetValue(Xxh64MetadataKey, out text) && Decode(text) is { } xxh64 ? (xxh64, ChecksumAlgorithm.Xxh64) : null;

    public static ulong Of<T>(ReadOnlySpan<T> values, ChecksumAlgorithm algorithm = ChecksumAlgorithm.Xxh3) where T : unmanaged =>
        algorithm == ChecksumAlgorithm.Xxh3 ? XxHash3.HashToUInt64(MemoryMarshal.AsBytes(values)) : XxHash64.HashToUInt64(MemoryMarshal.AsBytes(values));

    public static ulong Of(ReadOnlySpan<string?> values, ChecksumAlgorithm algorithm = ChecksumAlgorithm.Xxh3)
    {
        NonCryptographicHashAlgorithm hash = algorithm == ChecksumAlgorithm.Xxh3 ? new XxHash3() : new XxHash64();
        Span<byte> length = stackalloc byte[4];
        Span<byte> small = stackalloc byte[256];
        string? last = null;
        scoped Span<byte> bytes = default;
        foreach (var value in values)
        {
            // A tick table's coin column repeats one name row after row: it is encoded once per run, not once per row.
            if (value is null || last is null || !string.Equals(value, last, StringComparison.Ordinal))
            {
                var count = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
                BinaryPrimitives.WriteInt32LittleEndian(length, count);
                // Coin names are a few bytes: encoded on the stack, not into a new array per row.
                bytes = value is null ? [] : count <= small.Length ? small[..Encoding.UTF8.GetBytes(value, small)] : Encoding.UTF8.GetBytes(value);
                last = value;
            }
            hash.Append(length);
            hash.Append(bytes);
        }
        return hash is XxHash3 xxh3 ? xxh3.GetCurrentHashAsUInt64() : ((XxHash64)hash).GetCurrentHashAsUInt64();
    }

    public static string Encode(IEnumerable<ulong[]> rowGroups) =>
        string.Join(';', rowGroups.Select(g => string.Join(',', g.Select(c => c.ToString("x16", CultureInfo.InvariantCulture)))));

    /// <summary>The checksums by row group and column; null when the text is not in <see cref="Encode"/>'s form.</summary>
    public static ulong[][]? Decode(string text)
    {
        var groups = text.Split(';');
        var result = new ulong[groups.Length][];
        for (var g = 0; g < groups.Length; g++)
        {
            var columns = groups[g].Split(',');
            result[g] = new ulong[columns.Length];
            for (var c = 0; c < columns.Length; c++)
                if (!ulong.TryParse(columns[c], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result[g][c])) return null;
        }
        return result;
    }
}
