using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Reads a JSON-lines tick file (archive envelope, ns-prefixed or plain messages; any compression): slices each line's WebSocket message and hands it to the Hyperliquid codec.</summary>
public static class JsonTickReader
{
    /// <summary>Bad lines reported per file before the rest are only counted.</summary>
    public const int ReportedBadLines = 10;

    /// <param name="learnCoins">Add every coin met to the builder's table (inspect, convert); otherwise other coins are dropped by the codec (the coin filter).</param>
    /// <param name="strict">Stop at the first bad line instead of reporting and skipping it.</param>
    public static FileReport Read(string path, TickFormat format, TapeBuilder builder, bool learnCoins, bool strict, Action<string> log, CancellationToken cancel = default)
    {
        var codec = new HlCodec(builder.Coins);
        var sink = builder.Sink;
        long messages = 0, bad = 0, events = builder.Count;
        using var stream = FormatDetector.Open(path, format.Compression);
        var lines = new LineReader(stream);
        try
        {
            while (lines.TryReadLine(out var line))
            {
                if ((lines.LineNumber & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                if (line.Trim(" \t\r"u8).IsEmpty) continue;
                if (!MessageSlicer.TrySlice(line, format.Lines, out var range, out var localNs))
                {
                    Bad(lines.LineNumber, $"not in the {format.Lines} format (starts with '{FormatDetector.Preview(line)}')");
                    continue;
                }
                var message = line[range];
                var receive = localNs == 0 ? 0 : (long)((Int128)localNs * Stopwatch.Frequency / 1_000_000_000);
                var unknownBefore = codec.Counters.UnknownCoins;
                var kind = codec.Parse(message, ref sink, receive);
                if (kind == HlMessageKind.Malformed)
                {
                    Bad(lines.LineNumber, codec.LastError ?? "malformed message");
                    continue;
                }
                if (learnCoins && codec.Counters.UnknownCoins > unknownBefore && FirstCoin(message) is { } coin)
                {
                    builder.Coins.Add(coin);
                    codec.Parse(message, ref sink, receive);
                }
                messages++;
            }
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            throw new TickDataException($"{path}: corrupt {format.Compression} data after line {lines.LineNumber}: {e.Message}", e);
        }
        if (bad > ReportedBadLines) log($"{path}: {bad} bad lines skipped in all ({bad - ReportedBadLines} not shown)");
        return new FileReport(path, format, lines.LineNumber, messages, bad, builder.Count - events);

        void Bad(long lineNumber, string reason)
        {
            var text = $"{path}:{lineNumber}: {reason}";
            if (strict) throw new TickDataException(text + " (--strict)");
            if (++bad <= ReportedBadLines) log(text + " — skipped");
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
        catch (JsonException)
        {
        }
        return null;
    }
}
