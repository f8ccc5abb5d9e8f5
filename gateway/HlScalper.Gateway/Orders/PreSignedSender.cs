using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Orders;

/// <summary>The live <see cref="IOrderSink"/>: a signer thread keeps complete, masked, signed WebSocket frames ready for the orders the engine is likely to send next; <see cref="Submit"/> writes a ready frame (no signing, no allocation) or, on a miss, signs inline.</summary>
/// <remarks>
/// The engine thread names its predictions with <see cref="Expect"/> (slot = a role it chooses: entry bid,
/// entry ask, take-profit, cancel of working order k…) and refreshes them as the touch moves. A ready
/// frame is used only when every wire field of the submitted intent matches. Frames older than
/// <see cref="MaxAge"/> are re-signed so their nonces stay among the exchange's newest 100.
/// Post ids of this sender start at <see cref="PostIdBase"/>, apart from <see cref="ExchangeClient"/>'s.
/// Responses come back through <see cref="OnPostResponse"/> (socket reader thread) and are published as
/// order updates to the sink, which must therefore accept a second producer. A frame the socket refuses (not
/// connected, or broken mid-write) never throws on the engine thread: its orders are answered with a local
/// reject, published from the signer thread (the engine thread must not publish into the ring it drains).
/// </remarks>
public sealed class PreSignedSender<TSink> : IOrderSink, IOrderAnticipator, IDisposable where TSink : struct, IMarketEventSink
{
    /// <summary>First post id this sender uses.</summary>
    public const long PostIdBase = 1L << 40;

    private readonly ReadyFrame[] _slots;
    private readonly OrderFrameBuilder _inline;
    private readonly OrderFrameBuilder _background;
    private readonly NonceSource _nonces;
    private readonly IFrameSink _socket;
    private readonly TimeProvider _clock;
    private readonly PendingPosts _pending;
    private readonly byte[] _inlineFrame = new byte[OrderFrameBuilder.MaxFrameLength];
    private readonly OrderRef[] _one = new OrderRef[1];
    private readonly WorkingOrders _working;
    private readonly CloidCancelWire[] _cancelAll;
    private readonly OrderRef[] _cancelAllRefs;
    private readonly IReadOnlyList<Engine.Numbers.AssetMeta> _assets;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _thread;
    private readonly Lock _publish = new();
    private readonly ConcurrentQueue<(long PostId, bool Cancel)> _unsent = new();
    private TSink _sink;
    private long _nextPostId = PostIdBase;
    private volatile bool _stopping;

    /// <param name="signer">Signs on the signer thread.</param>
    /// <param name="inlineSigner">Signs misses on the engine thread (same key and network; a second instance because signers are single-threaded).</param>
    public PreSignedSender(L1ActionSigner signer, L1ActionSigner inlineSigner, IReadOnlyList<Engine.Numbers.AssetMeta> assets, EthAddress? vault,
        NonceSource nonces, IFrameSink socket, TSink sink, TimeProvider clock, int slots = 16, int maxWorkingOrders = 64)
    {
        _slots = new ReadyFrame[slots];
        for (var i = 0; i < slots; i++) _slots[i] = new ReadyFrame();
        _background = new OrderFrameBuilder(signer, assets, vault, maxWorkingOrders);
        _inline = new OrderFrameBuilder(inlineSigner, assets, vault, maxWorkingOrders);
        _assets = assets;
        _nonces = nonces;
        _socket = socket;
        _sink = sink;
        _clock = clock;
        _pending = new PendingPosts(256, maxWorkingOrders);
        _working = new WorkingOrders(maxWorkingOrders);
        _cancelAll = new CloidCancelWire[maxWorkingOrders];
        _cancelAllRefs = new OrderRef[maxWorkingOrders];
        _thread = new Thread(SignerLoop) { IsBackground = true, Name = "pre-signer" };
    }

    /// <summary>Re-sign a ready frame after this long (its nonce ages while newer ones are used).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Submits served by a ready frame.</summary>
    public long Hits { get; private set; }

    /// <summary>Submits signed inline (no ready frame matched, or a CancelAll batch).</summary>
    public long Misses { get; private set; }

    /// <summary>Frames the signer thread has signed (including refreshes).</summary>
    public long Signed => Volatile.Read(ref _signedCount);

    private long _signedCount;

    /// <summary>Frames the socket refused (the WebSocket was down); their orders were rejected locally. Engine thread.</summary>
    public long SendFailures { get; private set; }

    /// <summary>The error text of a local reject.</summary>
    public const string NotConnectedError = "order not sent: the WebSocket is not connected";

    public void Start() => _thread.Start();

    /// <summary>Predicts the intent the engine may submit next in role <paramref name="slot"/>; the signer thread prepares its frame. Engine thread only.</summary>
    public void Expect(int slot, in OrderIntent intent)
    {
        var s = _slots[slot];
        if (s.HasWanted && OrderIntentMatch.SameWire(s.Wanted, intent)) return;
        Interlocked.Increment(ref s.WantedVersion);
        s.Wanted = intent;
        s.HasWanted = true;
        Interlocked.Increment(ref s.WantedVersion);
        _wake.Set();
    }

    /// <summary>Drops the prediction of <paramref name="slot"/> (the order it was for is no longer likely). Engine thread only.</summary>
    public void Forget(int slot)
    {
        var s = _slots[slot];
        if (!s.HasWanted) return;
        Interlocked.Increment(ref s.WantedVersion);
        s.HasWanted = false;
        Interlocked.Increment(ref s.WantedVersion);
        _wake.Set();
    }

    /// <summary>True when slot <paramref name="slot"/> holds a ready frame for its current prediction (tests and metrics).</summary>
    public bool IsReady(int slot)
    {
        var s = _slots[slot];
        return Volatile.Read(ref s.State) == ReadyFrame.Ready && s.HasWanted && OrderIntentMatch.SameWire(s.Signed, s.Wanted);
    }

    /// <summary>Sends the intent: a matching ready frame when there is one, otherwise signed here. Engine thread only.</summary>
    public void Submit(in OrderIntent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Place:
                // An IOC never rests, so there is nothing to cancel later.
                if (intent.Tif != Tif.Ioc) _working.Add(intent.Coin, intent.Cloid, intent.Side);
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
        if (!TrySendReady(intent)) SendInline(intent);
    }

    private bool TrySendReady(in OrderIntent intent)
    {
        foreach (var s in _slots)
        {
            if (Volatile.Read(ref s.State) != ReadyFrame.Ready || !OrderIntentMatch.SameWire(s.Signed, intent)) continue;
            if (Interlocked.CompareExchange(ref s.State, ReadyFrame.Sending, ReadyFrame.Ready) != ReadyFrame.Ready) continue;
            // The signer may have re-signed the slot between the check and the CAS: check again now that we own it.
            if (!OrderIntentMatch.SameWire(s.Signed, intent))
            {
                Volatile.Write(ref s.State, ReadyFrame.Ready);
                continue;
            }
            _pending.Add(s.PostId, _one);
            Send(s.PostId, s.Frame.AsSpan(0, s.Length), intent.Kind != IntentKind.Place);
            Volatile.Write(ref s.State, ReadyFrame.Spent);
            Hits++;
            _wake.Set();
            return true;
        }
        return false;
    }

    private void SendInline(in OrderIntent intent)
    {
        var postId = Interlocked.Increment(ref _nextPostId);
        var length = _inline.Build(intent, _nonces.Next(), postId, _inlineFrame);
        _pending.Add(postId, _one);
        Send(postId, _inlineFrame.AsSpan(0, length), intent.Kind != IntentKind.Place);
        Misses++;
    }

    /// <summary>CancelAll: one cancelByCloid for every resting order of the coin this sender placed and has not cancelled or seen end (take-profits included, as the slot runner expects).</summary>
    private void SendCancelAll(ushort coin)
    {
        var count = _working.TakeCancellable(coin, _cancelAll, _cancelAllRefs, _assets[coin].AssetId);
        if (count == 0) return;
        var postId = Interlocked.Increment(ref _nextPostId);
        var length = _inline.BuildCancels(_cancelAll.AsSpan(0, count), _nonces.Next(), postId, _inlineFrame);
        _pending.Add(postId, _cancelAllRefs.AsSpan(0, count));
        Send(postId, _inlineFrame.AsSpan(0, length), cancel: true);
        Misses++;
    }

    private void Send(long postId, ReadOnlySpan<byte> frame, bool cancel)
    {
        try
        {
            _socket.Send(frame);
        }
        catch (Exception e) when (e is ExchangeTransportException or IOException or ObjectDisposedException or SocketException)
        {
            SendFailures++;
            _unsent.Enqueue((postId, cancel));
            _wake.Set();
        }
    }

    /// <summary>
    /// Answers the orders of posts that never left with a reject; signer thread. An unsent cancel gets no answer: the order it
    /// meant still works on the exchange, and the resync after the reconnect tells the engine so.
    /// </summary>
    private void RejectUnsent()
    {
        while (_unsent.TryDequeue(out var unsent))
        {
            var orders = _pending.Take(unsent.PostId);
            if (orders.IsEmpty || unsent.Cancel) continue;
            ReadOnlySpan<ActionStatus> statuses = [new ActionStatus { Kind = ActionStatusKind.Error, Error = NotConnectedError }];
            lock (_publish) OrderUpdatePublisher.Publish(ref _sink, statuses, orders, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    /// <summary>A resting order this sender did not place (adopted by recovery): a later CancelAll includes it. Engine thread only.</summary>
    public void Track(ushort coin, Cloid cloid, Side side)
    {
        _working.Remove(cloid);
        _working.Add(coin, cloid, side);
    }

    /// <summary>The order is terminal (filled, cancelled, rejected): a later CancelAll leaves it out. Engine thread only.</summary>
    public void Done(Cloid cloid) => _working.Remove(cloid);

    /// <summary>Whether a post response id belongs to this sender (the socket reader routes the others to <see cref="ExchangeClient"/>).</summary>
    public static bool OwnsPostId(long id) => id > PostIdBase;

    /// <summary>Called by the socket reader with the <c>response</c> object of a post answer; publishes one order update per order of that post.</summary>
    public bool OnPostResponse(long id, ReadOnlySpan<byte> response)
    {
        var orders = _pending.Take(id);
        if (orders.IsEmpty) return false;
        ActionStatus[] statuses;
        try
        {
            statuses = ParseStatuses(response);
        }
        catch (ExchangeException e)
        {
            // The whole action was refused: every order of it is rejected with the reason.
            statuses = [new ActionStatus { Kind = ActionStatusKind.Error, Error = e.Message }];
        }
        lock (_publish) OrderUpdatePublisher.Publish(ref _sink, statuses, orders, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        return true;
    }

    private static ActionStatus[] ParseStatuses(ReadOnlySpan<byte> response)
    {
        try
        {
            var reader = new Utf8JsonReader(response);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var payload = root.GetProperty("payload");
            if (root.GetProperty("type").GetString() != "action")
                throw new ExchangeTransportException(payload.ValueKind == JsonValueKind.String ? payload.GetString()! : payload.GetRawText());
            return ExchangeResponse.Parse(payload).Statuses;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ExchangeTransportException($"malformed post response: {e.Message}", e);
        }
    }

    private void SignerLoop()
    {
        while (!_stopping)
        {
            _wake.Wait(250);
            _wake.Reset();
            RejectUnsent();
            foreach (var s in _slots)
            {
                if (_stopping) return;
                Refresh(s);
            }
        }
    }

    /// <summary>Brings one slot in line with its prediction: retire, keep, or (re)sign.</summary>
    private void Refresh(ReadyFrame s)
    {
        if (!ReadWanted(s, out var wanted, out var hasWanted)) return;
        var state = Volatile.Read(ref s.State);
        if (state is ReadyFrame.Sending or ReadyFrame.Filling) return;
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!hasWanted)
        {
            if (state == ReadyFrame.Ready) Interlocked.CompareExchange(ref s.State, ReadyFrame.Empty, ReadyFrame.Ready);
            return;
        }
        if (state == ReadyFrame.Ready && OrderIntentMatch.SameWire(s.Signed, wanted) && now - s.SignedAtMs < MaxAge.TotalMilliseconds) return;
        if (Interlocked.CompareExchange(ref s.State, ReadyFrame.Filling, state) != state) return;
        s.PostId = Interlocked.Increment(ref _nextPostId);
        s.Length = _background.Build(wanted, _nonces.Next(), s.PostId, s.Frame);
        s.Signed = wanted;
        s.SignedAtMs = now;
        Interlocked.Increment(ref _signedCount);
        Volatile.Write(ref s.State, ReadyFrame.Ready);
    }

    /// <summary>A consistent copy of the engine's prediction (sequence lock); false when it is being rewritten right now.</summary>
    private static bool ReadWanted(ReadyFrame s, out OrderIntent wanted, out bool hasWanted)
    {
        var before = Volatile.Read(ref s.WantedVersion);
        wanted = s.Wanted;
        hasWanted = s.HasWanted;
        // Keep the copy above from being reordered after the second version read (acquire alone allows that).
        Interlocked.MemoryBarrier();
        return (before & 1) == 0 && Volatile.Read(ref s.WantedVersion) == before;
    }

    /// <summary>Signs every slot that needs it on the calling thread; for a sender whose thread was not started (benchmarks).</summary>
    internal void RefreshAllNow()
    {
        foreach (var s in _slots) Refresh(s);
    }

    /// <summary>Makes a spent frame ready again without re-signing, so a benchmark can resend the same bytes (the exchange would refuse the reused nonce).</summary>
    internal void Rearm(int slot) => Interlocked.CompareExchange(ref _slots[slot].State, ReadyFrame.Ready, ReadyFrame.Spent);

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        if (_thread.IsAlive) _thread.Join();
        _wake.Dispose();
    }
}
