using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Signing;

namespace HlScalper.Bench.Signing;

/// <summary>The order hot path: <c>Submit</c> of a predicted intent (ready frame → socket write) beside a miss (sign inline → socket write), on a loopback TCP pair drained by a reader thread.</summary>
[Config(typeof(BenchConfig))]
public class PreSignedSendBenchmarks
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    private Socket _client = null!, _server = null!;
    private Thread _drain = null!;
    private volatile bool _stop;
    private IDigestSigner _k1 = null!, _k2 = null!;
    private PreSignedSender<RingEventSink> _sender = null!;
    private OrderIntent _ready, _miss;

    [GlobalSetup]
    public void Setup()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
        _drain = new Thread(Drain) { IsBackground = true };
        _drain.Start();

        _k1 = Signers.Create(Key);
        _k2 = Signers.Create(Key);
        var ring = new RingBuffer<MarketEvent>(1024);
        var sink = new RingEventSink(ring, new MultiProducerSequencer(1024, new BusySpinWaitStrategy()));
        _sender = new PreSignedSender<RingEventSink>(new L1ActionSigner(_k1, true), new L1ActionSigner(_k2, true), [AssetMeta.BtcPerp], null,
            new NonceSource(), new SocketFrameSink(_client, new Lock()), sink, TimeProvider.System) { MaxAge = TimeSpan.FromDays(1) };
        _ready = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("61264"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
        _miss = _ready with { Px = Px.Parse("61263") };
        _sender.Expect(0, _ready);
        _sender.RefreshAllNow();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _sender.Dispose();
        _client.Dispose();
        _server.Dispose();
        _k1.Dispose();
        _k2.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Ready_frame_to_socket()
    {
        _sender.Submit(_ready);
        _sender.Rearm(0);
        return _sender.Hits;
    }

    [Benchmark]
    public long Miss_signed_inline_to_socket()
    {
        _sender.Submit(_miss);
        return _sender.Misses;
    }

    private void Drain()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (!_stop && _server.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
