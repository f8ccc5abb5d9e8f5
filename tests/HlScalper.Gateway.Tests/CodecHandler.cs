using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Codec;

namespace HlScalper.Gateway.Tests;

/// <summary>Feeds every received message to a codec and keeps the events and kinds, as the live feed does.</summary>
public sealed class CodecHandler(HlCodec codec) : IWebSocketMessageHandler
{
    public EventLog Events { get; } = new();

    public List<HlMessageKind> Kinds { get; } = [];

    public HlCodec Codec => codec;

    public void OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp)
    {
        var sink = new CollectingSink(Events);
        Kinds.Add(codec.Parse(payload, ref sink, receiveTimestamp));
    }
}
