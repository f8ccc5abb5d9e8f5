using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HlScalper.LocalExchange.Tests;

/// <summary>A plain WebSocket client of the local exchange that keeps every text message it receives.</summary>
public sealed class SimSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receive = Task.CompletedTask;

    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>True once the receive loop ended (the server closed or dropped the connection).</summary>
    public bool Closed => _receive.IsCompleted;

    public static async Task<SimSocket> ConnectAsync(Uri uri)
    {
        var socket = new SimSocket();
        await socket._socket.ConnectAsync(uri, CancellationToken.None);
        socket._receive = socket.ReceiveAsync();
        return socket;
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, _stop.Token);

    public Task SubscribeAsync(string subscription) => SendAsync($"{{\"method\":\"subscribe\",\"subscription\":{subscription}}}");

    /// <summary>Messages of one channel, parsed.</summary>
    public List<JsonElement> On(string channel) =>
        [.. Messages.Where(m => m.StartsWith('{')).Select(m => JsonDocument.Parse(m).RootElement).Where(m => m.GetProperty("channel").GetString() == channel)];

    public async Task<JsonElement> WaitFor(string channel, Func<JsonElement, bool> match, string what)
    {
        JsonElement found = default;
        await Eventually.Until(() =>
        {
            var hit = On(channel).Where(match).ToList();
            if (hit.Count > 0) found = hit[0];
            return hit.Count > 0;
        }, what);
        return found;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token) is var r ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) : null!;
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) return;
                Messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Dropped or stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _receive;
        _socket.Dispose();
        _stop.Dispose();
    }
}
