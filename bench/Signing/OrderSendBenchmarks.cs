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

/// <summary>The order hot path, <c>Submit</c> → signed frame → loopback socket write (drained by a reader thread): signed from the nonce pool, and with a full RFC 6979 signature (the pool's fallback).</summary>
/// <remarks>The pool is refilled before each iteration of <see cref="InvocationCount"/> submits, so it never runs dry inside one.</remarks>
[Config(typeof(BenchConfig))]
[InvocationCount(InvocationCount)]
public class OrderSendBenchmarks
{
    private const int InvocationCount = 2048;

    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    private Socket _client = null!, _server = null!;
    private Thread _drain = null!;
    private volatile bool _stop;
    private NativeSigner _deterministic = null!;
    private OnlineSigner _online = null!;
    private OrderSender<RingEventSink> _pooled = null!, _full = null!;
    private OrderIntent _order;

    [GlobalSetup]
    public void Setup()
    {
        if (!NativeSigner.IsAvailable) throw new InvalidOperationException("libsecp256k1 is not installed");
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
        _drain = new Thread(Drain) { IsBackground = true };
        _drain.Start();

        _deterministic = new NativeSigner(Key);
        _online = new OnlineSigner(_deterministic, new NoncePool(Key, InvocationCount, background: false));
        _pooled = Sender(_online);
        _full = Sender(_deterministic);
        _order = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("61264"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
    }

    private OrderSender<RingEventSink> Sender(IDigestSigner signer)
    {
        var ring = new RingBuffer<MarketEvent>(1024);
        var sink = new RingEventSink(ring, new MultiProducerSequencer(ring.Stamps, new BusySpinWaitStrategy()));
        return new OrderSender<RingEventSink>(new L1ActionSigner(signer, true), [AssetMeta.BtcPerp], null, new NonceSource(), new SocketFrameSink(_client, new Lock()), sink,
            TimeProvider.System);
    }

    [IterationSetup(Target = nameof(Submit_signed_from_the_pool_to_socket))]
    public void Refill() => _online.Pool.Fill();

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _online.Dispose();
        _deterministic.Dispose();
        _client.Dispose();
        _server.Dispose();
    }

    [Benchmark]
    public long Submit_signed_from_the_pool_to_socket()
    {
        _pooled.Submit(_order);
        return _pooled.Sent;
    }

    [Benchmark(Baseline = true)]
    public long Submit_signed_RFC6979_to_socket()
    {
        _full.Submit(_order);
        return _full.Sent;
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
