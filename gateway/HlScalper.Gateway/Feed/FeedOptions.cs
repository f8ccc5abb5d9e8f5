using System.Net.Security;

namespace HlScalper.Gateway.Feed;

/// <summary>Settings of a <see cref="FeedSupervisor{TSink}"/>; the defaults follow the spec (§6.2) and the playbook's heartbeat alarm.</summary>
public sealed record FeedOptions(Uri Uri)
{
    /// <summary>Application ping (<c>{"method":"ping"}</c>) period; the server drops a client silent for 60 s.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>No pong (or any message) this long after a ping: the link is dead, reconnect.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A subscribed market silent this long is stale (<see cref="HlScalper.Engine.Events.ControlCode.FeedStale"/>).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the monitor checks staleness and pings.</summary>
    public TimeSpan MonitorPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectDelayMin { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxMessageSize { get; init; } = 1 << 20;

    /// <summary>See <see cref="WebSockets.WebSocketClientOptions.SendTimeout"/>: a server that stops reading is dropped after this, never waited on.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wall clock event times are held to (<see cref="HlScalper.Protocol.Codec.HlCodec.ClockWindow"/>); null for a stream that carries its own times (a replay, a synthetic market).</summary>
    public TimeProvider? Clock { get; init; } = TimeProvider.System;

    /// <summary>See <see cref="WebSockets.WebSocketClientOptions.CertificateValidation"/>; null = platform validation.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>CPU the feed's I/O thread (the socket receive loop) is pinned to; null = unpinned.</summary>
    public int? IoCpu { get; init; }

    /// <summary>Name of the feed's I/O thread (as <c>top -H</c> and a debugger show it).</summary>
    public string IoThreadName { get; init; } = "feed-io";
}
