namespace HlScalper.Gateway.Exchange;

/// <summary>The WebSocket side the exchange client needs: send one text message. Responses come back through <see cref="ExchangeClient.OnPostResponse"/>.</summary>
/// <remarks>Implemented over the gateway's WebSocket client; kept this narrow so the order path does not depend on its internals.</remarks>
public interface IPostTransport
{
    /// <summary>True while the socket is open; the client falls back to REST otherwise.</summary>
    bool IsConnected { get; }

    ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancel);
}
