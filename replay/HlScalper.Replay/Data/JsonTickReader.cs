using System.Diagnostics;
using System.Text.Json;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Reads a JSON-lines tick file (archive envelope, ns-prefixed or plain messages; any compression): slices each line's WebSocket message and hands it to the Hyperliquid codec.</summary>
/// <remarks>
/// One bad line never costs the file: a line that is too long (over <see cref="LineReader.DefaultMaxLineLength"/>,
/// skipped without loading it), not in the file's format, refused by the codec or timed far from its neighbours
/// (<see cref="NeighbourTimeFilter"/>) is reported as <c>file:line</c> and skipped, unless strict. A file that is
/// cut or corrupt part-way (LZ4 end mark or checksum, gzip trailer) keeps every complete line before the damage
/// and says how many; strict makes that an error too.
/// </remarks>
public static class JsonTickReader
{
    /// <summary>Bad lines reported per file before the rest are only counted.</summary>
    public const int ReportedBadLines = 10;

    /// <param name="learnCoins">Add every coin met to the builder's table (inspect, convert); otherwise other coins are dropped by the codec (the coin filter).</param>
    /// <param name="strict">Stop at the first bad line or damaged stretch instead of reporting and skipping it.</param>
    public static FileReport Read(string path, TickFormat format, TapeBuilder builder, bool learnCoins, bool strict, Action<string> log, CancellationToken cancel = default)
    {
        var codec = new HlCodec(builder.Coins);
        var filter = new NeighbourTimeFilter(builder);
        var bad = new BadRows(path, strict, log);
        long messages = 0, events = builder.Count;
        using var stream = FormatDetector.Open(path, format.Compression);
        var lines = new LineReader(stream);
        var whole = new CompleteLines(lines, path, format.Compression, strict, log);
        // One delegate for the file: passing the local function itself made a new one on every line.
        Action<long, string> timeRejected = TimeRejected;
        while (whole.TryRead(out var line))
        {
            if ((lines.LineNumber & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            if (lines.OverlongLength > 0)
            {
                bad.Add(lines.LineNumber, $"a line of {lines.OverlongLength:N0} bytes, over the {lines.MaxLineLength:N0}-byte limit (not read)");
                continue;
            }
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            if (!MessageSlicer.TrySlice(line, format.Lines, out var range, out var localNs))
            {
                bad.Add(lines.LineNumber, $"not in the {format.Lines} format (starts with '{FormatDetector.Preview(line)}')");
                continue;
            }
            var message = line[range];
            var receive = localNs == 0 ? 0 : (long)((Int128)localNs * Stopwatch.Frequency / 1_000_000_000);
            // A local capture time is a wall clock: event times are held to it (a book minutes off it is corrupt).
            var receiveUnixMs = localNs / 1_000_000;
            var unknownBefore = codec.Counters.UnknownCoins;
            var staged = filter.Stage();
            var kind = codec.Parse(message, ref staged, receive, receiveUnixMs);
            if (kind == HlMessageKind.Malformed)
            {
                bad.Add(lines.LineNumber, codec.LastError ?? "malformed message");
                continue;
            }
            if (learnCoins && codec.Counters.UnknownCoins > unknownBefore && FirstCoin(message) is { } coin)
            {
                if (builder.Coins.Count == ushort.MaxValue)
                {
                    bad.Add(lines.LineNumber, $"coin '{coin}' would be the {ushort.MaxValue + 1:N0}th: more coins than a tape can hold");
                    continue;
                }
                builder.Coins.Add(coin);
                staged = filter.Stage();
                codec.Parse(message, ref staged, receive, receiveUnixMs);
            }
            messages++;
            filter.Commit(lines.LineNumber, timeRejected);
        }
        filter.Finish(timeRejected);
        bad.Summarise();
        return new FileReport(path, format, lines.LineNumber, messages, bad.Count, builder.Count - events);

        void TimeRejected(long lineNumber, string reason)
        {
            messages--;
            bad.Add(lineNumber, reason);
        }
    }

    /// <summary>The first "coin" value anywhere in the message (l2Book/bbo data, or the first trade).</summary>
    private static string? FirstCoin(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("coin"u8)) continue;
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Unreadable: the coin stays unknown and the message's items are skipped as they were.
        }
        return null;
    }
}
