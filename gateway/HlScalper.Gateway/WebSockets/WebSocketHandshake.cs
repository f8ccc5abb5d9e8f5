using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;

namespace HlScalper.Gateway.WebSockets;

/// <summary>The HTTP/1.1 upgrade of RFC 6455 §4: the request, and the checks on the server's 101 response.</summary>
internal static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Longest response head we read before calling the server broken.</summary>
    public const int MaxResponseHeadBytes = 16 * 1024;

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    public static byte[] Request(Uri uri, string key)
    {
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        var path = string.IsNullOrEmpty(uri.PathAndQuery) ? "/" : uri.PathAndQuery;
        return Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nUser-Agent: HlScalper\r\n\r\n");
    }

    /// <summary>Reads the response head from <paramref name="reader"/>, leaving any frame bytes after it in the pipe, and checks it.</summary>
    public static async Task ReadResponseAsync(PipeReader reader, string key, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = FindHeadEnd(buffer);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buffer.Slice(0, end));
                reader.AdvanceTo(buffer.GetPosition(end + 4));
                Validate(head, key);
                return;
            }
            if (buffer.Length > MaxResponseHeadBytes)
                throw new WebSocketClientException($"the upgrade response head exceeds {MaxResponseHeadBytes} bytes");
            if (result.IsCompleted)
                throw new WebSocketClientException($"the server closed the connection during the upgrade after {buffer.Length} bytes: '{Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(buffer.Length, 200)))}'");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var r = new SequenceReader<byte>(buffer);
        return r.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false) ? head.Length : -1;
    }

    private static void Validate(string head, string key)
    {
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status[1] != "101")
            throw new WebSocketClientException($"the server refused the upgrade: '{lines[0]}'");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (!headers.TryGetValue("Upgrade", out var upgrade) || !upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase))
            throw new WebSocketClientException($"the 101 response lacks 'Upgrade: websocket' (got '{upgrade}')");
        if (!headers.TryGetValue("Connection", out var connection) || !connection.Split(',').Any(t => t.Trim().Equals("Upgrade", StringComparison.OrdinalIgnoreCase)))
            throw new WebSocketClientException($"the 101 response lacks 'Connection: Upgrade' (got '{connection}')");
        var expected = ExpectedAccept(key);
        if (!headers.TryGetValue("Sec-WebSocket-Accept", out var accept) || accept != expected)
            throw new WebSocketClientException($"Sec-WebSocket-Accept is '{accept}', expected '{expected}'");
        if (headers.TryGetValue("Sec-WebSocket-Extensions", out var extensions) && extensions.Length > 0)
            throw new WebSocketClientException($"the server chose extensions we did not offer: '{extensions}'");
    }
}
