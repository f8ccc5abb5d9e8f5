using System.Net.Security;

namespace HlScalper.Gateway.WebSockets;

/// <summary>How to open a <see cref="WebSocketConnection"/>: where, socket buffers, TLS and limits.</summary>
public sealed record WebSocketClientOptions(Uri Uri)
{
    /// <summary>Largest message accepted (after reassembly); a bigger frame or message closes with 1009 instead of growing memory.</summary>
    public int MaxMessageSize { get; init; } = 1 << 20;

    /// <summary>Kernel socket buffers; 0 leaves the system default.</summary>
    public int SocketReceiveBufferSize { get; init; }

    public int SocketSendBufferSize { get; init; }

    /// <summary>Smallest read the pipe asks the stream for: one read usually holds a whole 20×20 book.</summary>
    public int PipeMinimumReadSize { get; init; } = 16 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest a send may wait for the one before it and then for the socket to take its bytes; past it the server is not reading and the connection is closed.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Certificate check for wss://; null = the platform's validation (the default and the only safe choice against a real exchange).</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Check that text messages are valid UTF-8 (RFC 6455 §8.1); cheap (vectorised) and on by default.</summary>
    public bool ValidateUtf8 { get; init; } = true;
}
