using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Codec;

namespace HlScalper.Bench.Codec;

/// <summary>One real server frame to events: our frame decode + schema scanner into ring slots, beside <c>ClientWebSocket</c>'s receive + <c>JsonSerializer</c> DTOs.</summary>
/// <remarks>
/// Both sides start from the frame's bytes in memory. The baseline is the managed WebSocket that
/// <c>ClientWebSocket</c> wraps (<see cref="WebSocket.CreateFromStream(Stream, bool, string, TimeSpan)"/>)
/// reading into a buffer, then <see cref="JsonSerializer"/> into DTO classes. Ours decodes the header
/// from a <see cref="ReadOnlySequence{T}"/> (as the pipe hands it over) and parses into a real ring.
/// msgs/s = 1e9 / Mean(ns); MB/s = message bytes × msgs/s.
/// </remarks>
[Config(typeof(BenchConfig))]
public class CodecBenchmarks
{
    private byte[] _frame = [];
    private ReadOnlySequence<byte> _frameSequence;
    private HlCodec _codec = null!;
    private RingEventSink _sink;
    private MemoryStream _stream = null!;
    private WebSocket _webSocket = null!;
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];

    [Params("l2Book", "trades")]
    public string Channel { get; set; } = "l2Book";

    [GlobalSetup]
    public void Setup()
    {
        var message = Channel == "l2Book" ? BenchRecordings.L2Book() : BenchRecordings.Trades();
        _frame = ServerFrame(message);
        _frameSequence = new ReadOnlySequence<byte>(_frame);
        _codec = new HlCodec(new CoinTable("BTC"));
        _sink = new RingEventSink(new RingBuffer<MarketEvent>(1024), new SingleProducerSequencer(1024, new YieldingWaitStrategy()));
        _stream = new MemoryStream(_frame);
        _webSocket = WebSocket.CreateFromStream(_stream, isServer: false, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        if (Pipelines_frame_and_HlCodec() != (Channel == "l2Book" ? (int)HlMessageKind.L2Book : (int)HlMessageKind.Trades))
            throw new InvalidOperationException("the codec did not recognise the benchmark message");
        if (ClientWebSocket_and_JsonSerializer_DTOs() == 0) throw new InvalidOperationException("the baseline read nothing");
    }

    [Benchmark(Baseline = true)]
    public int ClientWebSocket_and_JsonSerializer_DTOs()
    {
        _stream.Position = 0;
        var result = _webSocket.ReceiveAsync(_receiveBuffer.AsMemory(), CancellationToken.None).GetAwaiter().GetResult();
        var json = _receiveBuffer.AsSpan(0, result.Count);
        if (Channel == "l2Book")
        {
            var book = JsonSerializer.Deserialize<WsEnvelope<WsBook>>(json)!;
            return book.Data!.Levels[0].Count + book.Data.Levels[1].Count;
        }
        return JsonSerializer.Deserialize<WsEnvelope<List<WsTrade>>>(json)!.Data!.Count;
    }

    [Benchmark]
    public int Pipelines_frame_and_HlCodec()
    {
        WebSocketFrameHeader.TryRead(_frameSequence, out var header, out _);
        var payload = _frameSequence.Slice(header.HeaderLength, header.PayloadLength);
        return (int)_codec.Parse(payload.FirstSpan, ref _sink, 0);
    }

    private static byte[] ServerFrame(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        frame[0] = 0x81;
        frame[1] = 126;
        frame[2] = (byte)(payload.Length >> 8);
        frame[3] = (byte)payload.Length;
        payload.CopyTo(frame, 4);
        return frame;
    }
}
