using System.Net.WebSockets;

namespace HlScalper.Gateway.WebSockets;

/// <summary>How a connection ended: the reason, the close status exchanged (if any) and a human-readable explanation.</summary>
public sealed record WebSocketEnd(WebSocketEndReason Reason, WebSocketCloseStatus? Status, string Description)
{
    public override string ToString() => Status is { } s ? $"{Reason} ({(int)s} {s}): {Description}" : $"{Reason}: {Description}";
}
