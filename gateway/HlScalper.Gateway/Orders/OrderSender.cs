using System.Collections.Concurrent;
using System.Net.Sockets;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Orders;

/// <summary>The live <see cref="IOrderSink"/>: signs each order as it is submitted, on the engine thread, and writes the complete, masked WebSocket frame.</summary>
/// <remarks>
/// With an <see cref="OnlineSigner"/> the signature is s = a·z + b from a precomputed-nonce pool (about 2 µs, no allocation),
/// so there is nothing to gain from guessing orders ahead; a full ECDSA signature happens only when the pool is empty
/// (<see cref="FullSignatures"/>). Post ids of this sender start at <see cref="PostIdBase"/>, apart from
/// <see cref="ExchangeClient"/>'s. Responses come back through <see cref="OnPostResponse"/> (socket reader thread) and are
/// published as order updates to the sink, which must therefore accept a second producer. A frame the socket refuses (not
/// connected, or broken mid-write) never throws on the engine thread: its orders are answered with a local reject, published
/// from a thread-pool thread (the engine thread must not publish into the ring it drains).
/// </remarks>
public sealed class OrderSender<TSink> : IOrderSink where TSink : struct, IMarketEventSink
{
    /// <summary>First post id this sender uses.</summary>
    public const long PostIdBase = 1L << 40;

    private readonly OrderFrameBuilder _builder;
    private readonly IDigestSigner _signer;
    private readonly NonceSource _nonces;
    private readonly IFrameSink _socket;
    private readonly TimeProvider _clock;
    private readonly PendingPosts _pending;
    private readonly byte[] _frame = new byte[OrderFrameBuilder.MaxFrameLength];
    private readonly OrderRef[] _one = new OrderRef[1];
    private readonly WorkingOrders _working;
    private readonly CloidCancelWire[] _cancelAll;
    private readonly OrderRef[] _cancelAllRefs;
    private readonly IReadOnlyList<Engine.Numbers.AssetMeta> _assets;
    private readonly Lock _publish = new();
    private readonly ConcurrentQueue<(long PostId, bool Cancel, OrderStatus Refusal)> _unsent = new();
    private TSink _sink;
    private long _nextPostId = PostIdBase;

    /// <param name="signer">Signs on the engine thread: <see cref="Signers.ForOrders"/> of the trading key.</param>
    public OrderSender(L1ActionSigner signer, IReadOnlyList<Engine.Numbers.AssetMeta> assets, EthAddress? vault,
        NonceSource nonces, IFrameSink socket, TSink sink, TimeProvider clock, int maxWorkingOrders = 64)
    {
        _builder = new OrderFrameBuilder(signer, assets, vault, maxWorkingOrders);
        _signer = signer.Signer;
        _assets = assets;
        _nonces = nonces;
        _socket = socket;
        _sink = sink;
        _clock = clock;
        _pending = new PendingPosts(256, maxWorkingOrders);
        _working = new WorkingOrders(maxWorkingOrders);
        _cancelAll = new CloidCancelWire[maxWorkingOrders];
        _cancelAllRefs = new OrderRef[maxWorkingOrders];
    }

    /// <summary>Frames signed and handed to the socket (each one action). Engine thread.</summary>
    public long Sent { get; private set; }

    /// <summary>Frames whose signature was a full ECDSA signature: the nonce pool was empty, or the signer has none.</summary>
    public long FullSignatures => _signer is OnlineSigner online ? online.Fallbacks : Sent;

    /// <summary>Frames the socket refused (the WebSocket was down); their orders were rejected locally. Engine thread.</summary>
    public long SendFailures { get; private set; }

    /// <summary>Resting orders refused locally because the working-order table (<c>maxWorkingOrders</c>) was full. Engine thread.</summary>
    public long WorkingFull { get; private set; }

    /// <summary>Signs and sends the intent. Engine thread only.</summary>
    public void Submit(in OrderIntent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Place:
                // An IOC never rests, so there is nothing to cancel later. A resting order CancelAll could not reach is not sent.
                if (intent.Tif != Tif.Ioc && !_working.TryAdd(intent.Coin, intent.Cloid, intent.Side))
                {
                    RefuseUntracked(intent);
                    return;
                }
                break;
            case IntentKind.CancelByCloid:
                _working.Remove(intent.Cloid);
                break;
            case IntentKind.CancelAll:
                SendCancelAll(intent.Coin);
                return;
            case IntentKind.None:
                return;
        }
        _one[0] = new OrderRef(intent.Coin, intent.Cloid, intent.Side, intent.Px, intent.Sz);
        var postId = Interlocked.Increment(ref _nextPostId);
        var length = _builder.Build(intent, _nonces.Next(), postId, _frame);
        _pending.Add(postId, _one, intent.Kind != IntentKind.Place);
        Send(postId, _frame.AsSpan(0, length), intent.Kind != IntentKind.Place);
    }

    /// <summary>CancelAll: one cancelByCloid for every resting order of the coin this sender placed and has not cancelled or seen end (take-profits included, as the slot runner expects).</summary>
    private void SendCancelAll(ushort coin)
    {
        var count = _working.TakeCancellable(coin, _cancelAll, _cancelAllRefs, _assets[coin].AssetId);
        if (count == 0) return;
        var postId = Interlocked.Increment(ref _nextPostId);
        var length = _builder.BuildCancels(_cancelAll.AsSpan(0, count), _nonces.Next(), postId, _frame);
        _pending.Add(postId, _cancelAllRefs.AsSpan(0, count), cancels: true);
        Send(postId, _frame.AsSpan(0, length), cancel: true);
    }

    private void Send(long postId, ReadOnlySpan<byte> frame, bool cancel)
    {
        Sent++;
        try
        {
            _socket.Send(frame);
        }
        catch (Exception e) when (e is ExchangeTransportException or IOException or ObjectDisposedException or SocketException)
        {
            SendFailures++;
            RejectLater(postId, cancel, OrderStatus.Rejected);
        }
    }

    /// <summary>
    /// The working-order table is full: a resting order placed now could not be cancelled by a later CancelAll, so it is not sent
    /// and is answered with a local <see cref="OrderStatus.TooManyOpenOrdersRejected"/> (the engine backs off, as after the
    /// exchange's own refusal), counted in <see cref="WorkingFull"/>.
    /// </summary>
    private void RefuseUntracked(in OrderIntent intent)
    {
        WorkingFull++;
        _one[0] = new OrderRef(intent.Coin, intent.Cloid, intent.Side, intent.Px, intent.Sz);
        var postId = Interlocked.Increment(ref _nextPostId);
        _pending.Add(postId, _one, cancels: false);
        RejectLater(postId, cancel: false, OrderStatus.TooManyOpenOrdersRejected);
    }

    /// <summary>Queues a local answer; published from the pool, because the engine thread must not publish into the ring it drains.</summary>
    private void RejectLater(long postId, bool cancel, OrderStatus refusal)
    {
        _unsent.Enqueue((postId, cancel, refusal));
        ThreadPool.UnsafeQueueUserWorkItem(static sender => sender.RejectUnsent(), this, preferLocal: false);
    }

    /// <summary>
    /// Answers the orders of posts that never left with a reject; thread pool. An unsent cancel gets no answer: the order it
    /// meant still works on the exchange, and the resync after the reconnect tells the engine so.
    /// </summary>
    private void RejectUnsent()
    {
        while (_unsent.TryDequeue(out var unsent))
        {
            var orders = _pending.Take(unsent.PostId, out _);
            if (orders.IsEmpty || unsent.Cancel) continue;
            ReadOnlySpan<ActionStatus> statuses = [new ActionStatus { Kind = ActionStatusKind.Error, Refusal = unsent.Refusal }];
            lock (_publish) OrderUpdatePublisher.Publish(ref _sink, statuses, orders, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    /// <summary>A resting order this sender did not place (adopted by recovery): a later CancelAll includes it. Engine thread only.</summary>
    /// <returns>False when the table is full: a CancelAll then misses it (the close-out at stop still cancels it over REST).</returns>
    public bool Track(ushort coin, Cloid cloid, Side side)
    {
        _working.Remove(cloid);
        return _working.TryAdd(coin, cloid, side);
    }

    /// <summary>The order is terminal (filled, cancelled, rejected): a later CancelAll leaves it out. Engine thread only.</summary>
    public void Done(Cloid cloid) => _working.Remove(cloid);

    /// <summary>Whether a post response id belongs to this sender (the socket reader routes the others to <see cref="ExchangeClient"/>).</summary>
    public static bool OwnsPostId(long id) => id > PostIdBase;

    /// <summary>Called by the socket reader (through the codec) with a post answer; publishes one order update per order of that post. Allocates nothing.</summary>
    /// <returns>False when the id is not a post of this sender that still waits (late, or answered already).</returns>
    public bool OnPostResponse(long id, in PostReply reply)
    {
        var orders = _pending.Take(id, out var cancels);
        if (orders.IsEmpty) return false;
        var timeMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Anything but statuses (the whole action refused, a server error, an answer of an unknown shape) refuses every order of it.
        ReadOnlySpan<ActionStatus> refused = [new ActionStatus { Kind = ActionStatusKind.Error, Refusal = reply.Refusal }];
        var statuses = reply.Kind == PostReplyKind.Statuses ? reply.Statuses : refused;
        lock (_publish) OrderUpdatePublisher.Publish(ref _sink, statuses, orders, timeMs, cancels);
        return true;
    }
}
