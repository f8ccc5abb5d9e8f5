using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Orders;

/// <summary>The order path's view of the live WebSocket: ready frames (<see cref="IFrameSink"/>) and signed posts (<see cref="IPostTransport"/>) over the current <see cref="WebSocketConnection"/>.</summary>
/// <remarks>The feed supervisor attaches each new connection and detaches it when it drops; while detached, sends fail with
/// <see cref="ExchangeTransportException"/> and the exchange client falls back to REST. <see cref="Disable"/> detaches it for good (a
/// run whose engine died cancels over REST, apart from a socket whose writer is gone).
/// <para>Built with a <c>wake</c>, the channel makes the order writer (the engine thread, which calls <see cref="Send"/> and
/// <see cref="FlushQueued"/>) the only thread that writes each attached connection: every other sender queues its frame and
/// <c>wake</c> asks the writer to come and flush.</para></remarks>
/// <param name="wake">Asks the order writer to call <see cref="FlushQueued"/> soon (the live pipeline publishes a ring event); null = every sender writes for itself, never waiting for another.</param>
public sealed class WebSocketOrderChannel(Action? wake = null) : IFrameSink, IPostTransport
{
    private volatile WebSocketConnection? _connection;
    private volatile bool _disabled;

    public bool IsConnected => _connection is not null;

    public void Attach(WebSocketConnection connection)
    {
        if (_disabled) return;
        if (wake is not null) connection.WriterWake = wake;
        _connection = connection;
    }

    public void Detach() => _connection = null;

    /// <summary>Detaches, gives the connection's writes back to every sender (the order writer is gone), and ignores every later <see cref="Attach"/>.</summary>
    public void Disable()
    {
        _disabled = true;
        var connection = _connection;
        _connection = null;
        if (connection is not null) connection.WriterWake = null;
    }

    public void Send(ReadOnlySpan<byte> frame) => Current().SendRawFrame(frame);

    /// <summary>Writes the frames other threads queued for the order writer; order writer only. A closed connection is the receive loop's to report.</summary>
    public void FlushQueued()
    {
        try
        {
            _connection?.FlushQueued();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The connection went (stuck or dropped); its end is reported by the feed, which reconnects.
        }
    }

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancel) => Current().SendTextAsync(utf8, cancel);

    private WebSocketConnection Current() => _connection ?? throw new ExchangeTransportException("the WebSocket is not connected");
}
