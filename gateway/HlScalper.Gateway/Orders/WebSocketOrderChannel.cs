using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Orders;

/// <summary>The order path's view of the live WebSocket: ready frames (<see cref="IFrameSink"/>) and signed posts (<see cref="IPostTransport"/>) over the current <see cref="WebSocketConnection"/>.</summary>
/// <remarks>The feed supervisor attaches each new connection and detaches it when it drops; while detached, sends fail with
/// <see cref="ExchangeTransportException"/> and the exchange client falls back to REST. <see cref="Disable"/> detaches it for good (a
/// run whose engine died cancels over REST, apart from a socket whose writer is gone).</remarks>
public sealed class WebSocketOrderChannel : IFrameSink, IPostTransport
{
    private volatile WebSocketConnection? _connection;
    private volatile bool _disabled;

    public bool IsConnected => _connection is not null;

    public void Attach(WebSocketConnection connection)
    {
        if (!_disabled) _connection = connection;
    }

    public void Detach() => _connection = null;

    /// <summary>Detaches and ignores every later <see cref="Attach"/>.</summary>
    public void Disable()
    {
        _disabled = true;
        _connection = null;
    }

    public void Send(ReadOnlySpan<byte> frame) => Current().SendRawFrame(frame);

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancel) => Current().SendTextAsync(utf8, cancel);

    private WebSocketConnection Current() => _connection ?? throw new ExchangeTransportException("the WebSocket is not connected");
}
