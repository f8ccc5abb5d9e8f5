using System.Buffers.Text;
using System.Text.Json;

namespace HlScalper.Replay.Data;

/// <summary>Finds the WebSocket message inside one line of a tick file, without parsing it: that is the codec's job.</summary>
public static class MessageSlicer
{
    /// <summary>The message's byte range in <paramref name="line"/> and the line's local receive time in ns (0 when the format has none we use).</summary>
    public static bool TrySlice(ReadOnlySpan<byte> line, LineFormat format, out Range message, out long localNs)
    {
        localNs = 0;
        message = default;
        switch (format)
        {
            case LineFormat.ArchiveEnvelope:
                return TryFindProperty(line, "raw"u8, out message);
            case LineFormat.NanosPrefixed:
                var space = line.IndexOf((byte)' ');
                if (space <= 0 || !Utf8Parser.TryParse(line[..space], out localNs, out var used) || used != space) return false;
                var start = space + 1;
                while (start < line.Length && line[start] == ' ') start++;
                message = start..TrimmedEnd(line);
                return start < line.Length;
            default:
                var end = TrimmedEnd(line);
                message = 0..end;
                return end > 0;
        }
    }

    /// <summary>The byte range of the value of top-level property <paramref name="name"/> of the JSON object <paramref name="json"/> (key order does not matter).</summary>
    public static bool TryFindProperty(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out Range value)
    {
        value = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                if (!reader.Read()) return false;
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return false;
                if (match)
                {
                    value = start..(int)reader.BytesConsumed;
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    private static int TrimmedEnd(ReadOnlySpan<byte> line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is (byte)'\r' or (byte)' ' or (byte)'\t') end--;
        return end;
    }
}
