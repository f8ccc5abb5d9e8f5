using HlScalper.Gateway.WebSockets;

namespace HlScalper.Testing;

/// <summary>Runs a connection's blocking receive loop on a thread of its own, for tests that have no I/O thread of their own to give it.</summary>
public static class ReceiveThread
{
    /// <summary><see cref="WebSocketConnection.Run"/> on a new background thread; the task ends with the connection.</summary>
    public static Task<WebSocketEnd> RunAsync(this WebSocketConnection connection, IWebSocketMessageHandler handler, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<WebSocketEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => done.SetResult(connection.Run(handler, ct))) { Name = "ws-receive", IsBackground = true }.Start();
        return done.Task;
    }
}
