using System.Net.WebSockets;
using System.Threading.Channels;

namespace HlScalper.LocalExchange.Server;

/// <summary>One client WebSocket: its subscriptions and an outbound queue drained by its own writer, so a slow client never blocks the exchange.</summary>
public sealed class ClientSession(WebSocket socket, Action abort, long connectedMs)
{
    /// <summary>Messages queued for a client beyond which it is dropped as too slow (the exchange disconnects laggards too).</summary>
    public const int MaxQueued = 100_000;

    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _topics = [];
    private long _lastReceiveMs = connectedMs;

    public WebSocket Socket { get; } = socket;

    /// <summary>When the client last sent a message (Unix ms); the idle timeout counts from here.</summary>
    public long LastReceiveMs => Volatile.Read(ref _lastReceiveMs);

    public void Received(long nowMs) => Volatile.Write(ref _lastReceiveMs, nowMs);

    /// <summary>Adds a topic; false when already subscribed. Called under the hub's lock.</summary>
    internal bool AddTopic(string topic) => _topics.Add(topic);

    internal bool RemoveTopic(string topic) => _topics.Remove(topic);

    internal bool Has(string topic) => _topics.Contains(topic);

    /// <summary>Queues a message; a client whose queue is full is dropped.</summary>
    public void Send(byte[] message)
    {
        if (!_outbox.Writer.TryWrite(message)) Abort();
    }

    /// <summary>Drops the connection at once, without a close handshake (a kick).</summary>
    public void Abort()
    {
        _outbox.Writer.TryComplete();
        try
        {
            abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended between the hub's snapshot of its sessions and this call: the connection is already gone.
        }
    }

    /// <summary>Sends queued messages until the socket closes or <paramref name="stop"/> fires.</summary>
    public async Task RunWriterAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(stop))
                await Socket.SendAsync(message, WebSocketMessageType.Text, true, stop);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            abort();
        }
    }

    public void Complete() => _outbox.Writer.TryComplete();
}
