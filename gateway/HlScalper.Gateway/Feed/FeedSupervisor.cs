using System.Diagnostics;
using System.Net.WebSockets;
using HlScalper.Engine.Events;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Codec;

namespace HlScalper.Gateway.Feed;

/// <summary>Keeps a Hyperliquid market-data feed alive: connects, subscribes, parses into the sink, pings, detects stale markets, reconnects with backoff.</summary>
/// <remarks>
/// <para>Events reach <typeparamref name="TSink"/> from two places — the receive loop (market data) and the
/// monitor (FeedStale) — so both publish under one lock: the sink sees a single producer at a time, as
/// a single-producer ring requires. Uncontended, the lock costs tens of nanoseconds per message.</para>
/// <para>After every reconnect a <see cref="ControlCode.FeedReset"/> is published for each subscribed coin:
/// the engine must distrust its book until the next full l2Book snapshot. A coin silent for
/// <see cref="FeedOptions.StaleAfter"/> gets one <see cref="ControlCode.FeedStale"/> per silent spell.
/// Control events carry the coin's last exchange time plus the local time elapsed since, so engine time
/// keeps moving forward.</para>
/// </remarks>
public sealed class FeedSupervisor<TSink> : IWebSocketMessageHandler where TSink : struct, IMarketEventSink
{
    private static readonly byte[] PingRequest = """{"method":"ping"}"""u8.ToArray();

    private readonly FeedOptions _options;
    private readonly HlCodec _codec;
    private readonly Action<string>? _log;
    private readonly Lock _publishLock = new();
    private readonly Lock _stateLock = new();
    private readonly List<HlSubscription> _subscriptions = [];
    private readonly HashSet<HlSubscription> _acked = [];
    private readonly CoinClock[] _clocks;
    private readonly bool[] _watched;
    private readonly Random _jitter = new();
    private TSink _sink;
    private WebSocketConnection? _connection;
    private long _lastMessageTicks;
    private long _pingSentTicks;
    private bool _awaitingPong;

    /// <param name="options">Where and how.</param>
    /// <param name="codec">Parses messages; its coin table names the coins this feed watches.</param>
    /// <param name="sink">Where events go (usually a <see cref="RingEventSink"/>).</param>
    /// <param name="log">Connection changes and problems, one line each.</param>
    public FeedSupervisor(FeedOptions options, HlCodec codec, TSink sink, Action<string>? log = null)
    {
        _options = options;
        _codec = codec;
        _sink = sink;
        _log = log;
        _clocks = new CoinClock[codec.Coins.Count];
        _watched = new bool[codec.Coins.Count];
    }

    public FeedCounters Counters { get; } = new();

    public HlCodecCounters CodecCounters => _codec.Counters;

    /// <summary>Stopwatch timestamp of the last message received (or of the last connect); 0 before the first.</summary>
    public long LastMessageTimestamp => Volatile.Read(ref _lastMessageTicks);

    /// <summary>The current connection, for the order path's sends (null while reconnecting).</summary>
    public WebSocketConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Raised (on the receive loop) for every message, after parsing: kind and raw bytes, e.g. for the recorder or a display.</summary>
    public MessageObserver? OnMessageParsed { get; set; }

    /// <summary>Raised with each new connection (before the engine hears of the reset and before the subscriptions go out), and with null when it drops: the order path attaches its channel here.</summary>
    public Action<WebSocketConnection?>? ConnectionChanged { get; set; }

    /// <summary>A view of each message after the codec has handled it.</summary>
    public delegate void MessageObserver(HlMessageKind kind, ReadOnlySpan<byte> message, long receiveTimestamp);

    /// <summary>True once the server acknowledged <paramref name="subscription"/> on the current connection.</summary>
    public bool IsAcked(HlSubscription subscription)
    {
        lock (_stateLock) return _acked.Contains(subscription);
    }

    /// <summary>Adds a subscription; sent now if connected, and after every reconnect.</summary>
    public void Subscribe(HlSubscription subscription)
    {
        lock (_stateLock)
        {
            if (_subscriptions.Contains(subscription)) return;
            _subscriptions.Add(subscription);
            UpdateWatched();
        }
        TrySend(subscription.Request(subscribe: true));
    }

    public void Unsubscribe(HlSubscription subscription)
    {
        lock (_stateLock)
        {
            if (!_subscriptions.Remove(subscription)) return;
            _acked.Remove(subscription);
            UpdateWatched();
        }
        TrySend(subscription.Request(subscribe: false));
    }

    /// <summary>Marks the coins with a market-data subscription; call with the state lock held.</summary>
    private void UpdateWatched()
    {
        Array.Clear(_watched);
        foreach (var s in _subscriptions)
        {
            if (!s.IsMarketData) continue;
            var coin = _codec.Coins.Find(System.Text.Encoding.UTF8.GetBytes(s.Coin!));
            if (coin != CoinTable.NotFound) _watched[coin] = true;
        }
    }

    /// <summary>
    /// Starts the feed's I/O thread (named <see cref="FeedOptions.IoThreadName"/>, pinned to <see cref="FeedOptions.IoCpu"/> when given) and
    /// completes when it ends: it connects, receives synchronously until the connection ends, waits (backoff with jitter) and reconnects,
    /// until <paramref name="ct"/> is cancelled (the connection then closes with 1000).
    /// </summary>
    public Task RunAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            if (_options.IoCpu is { } cpu && Engine.Ring.ThreadAffinity.TryPinCurrentThread(cpu) is { } why) Log($"feed: [{_options.IoThreadName}] {why}");
            try
            {
                Run(ct);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            Name = _options.IoThreadName,
            IsBackground = true,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>The I/O thread: connect, receive, and on any end wait and reconnect.</summary>
    private void Run(CancellationToken ct)
    {
        using var monitorStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var monitor = MonitorAsync(monitorStop.Token);
        var attempt = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                WebSocketConnection connection;
                try
                {
                    // Blocking here is the I/O thread's job: it has nothing else to do until the socket is up.
                    connection = WebSocketConnection.ConnectAsync(new WebSocketClientOptions(_options.Uri)
                    {
                        MaxMessageSize = _options.MaxMessageSize,
                        SendTimeout = _options.SendTimeout,
                        CertificateValidation = _options.CertificateValidation,
                    }, ct).GetAwaiter().GetResult();
                }
                catch (WebSocketClientException e)
                {
                    Counters.ConnectFailures++;
                    Log($"feed: {e.Message}");
                    Backoff(attempt++, ct);
                    continue;
                }

                var receivedBefore = connection.MessagesReceived;
                OnConnected(connection);
                var end = connection.Run(this, ct);
                Volatile.Write(ref _connection, null);
                ConnectionChanged?.Invoke(null);
                connection.Abort();
                if (end.Reason == WebSocketEndReason.Cancelled) break;
                Log($"feed: connection ended: {end}");
                // A connection that delivered data was healthy: start the backoff afresh.
                if (connection.MessagesReceived > receivedBefore + 1) attempt = 0;
                Backoff(attempt++, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            monitorStop.Cancel();
            monitor.GetAwaiter().GetResult();
            Interlocked.Exchange(ref _connection, null)?.Abort();
        }
    }

    void IWebSocketMessageHandler.OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp)
    {
        Volatile.Write(ref _lastMessageTicks, receiveTimestamp);
        var receiveUnixMs = _options.Clock?.GetUtcNow().ToUnixTimeMilliseconds() ?? 0;
        HlMessageKind kind;
        lock (_publishLock)
        {
            kind = _codec.Parse(payload, ref _sink, receiveTimestamp, receiveUnixMs);
            var coin = _codec.LastEventCoin;
            if (coin >= 0 && kind is HlMessageKind.L2Book or HlMessageKind.Bbo or HlMessageKind.Trades)
                _clocks[coin].Saw(receiveTimestamp, _codec.LastEventTimeMs);
        }
        switch (kind)
        {
            case HlMessageKind.Pong:
                Counters.Pongs++;
                Volatile.Write(ref _awaitingPong, false);
                break;
            case HlMessageKind.SubscriptionResponse:
                OnAck(payload[_codec.LastPayload]);
                break;
            case HlMessageKind.Error:
                Counters.ServerErrors++;
                Log($"feed: server error: {System.Text.Encoding.UTF8.GetString(payload[_codec.LastPayload])}");
                break;
        }
        OnMessageParsed?.Invoke(kind, payload, receiveTimestamp);
    }

    private void OnConnected(WebSocketConnection connection)
    {
        Counters.Connects++;
        if (Counters.Connects > 1) Counters.Reconnects++;
        HlSubscription[] subscriptions;
        lock (_stateLock)
        {
            _acked.Clear();
            subscriptions = [.. _subscriptions];
        }
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastMessageTicks, now);
        Volatile.Write(ref _awaitingPong, false);
        _pingSentTicks = now;
        // Before the reset reaches the engine: the orders it sends in reaction must find the new socket.
        ConnectionChanged?.Invoke(connection);
        if (Counters.Connects > 1)
        {
            // Whatever the engine holds may have moved while we were away.
            lock (_publishLock)
                for (var coin = 0; coin < _clocks.Length; coin++)
                    if (_watched[coin]) PublishControl((ushort)coin, ControlCode.FeedReset, now);
        }
        lock (_publishLock)
            for (var coin = 0; coin < _clocks.Length; coin++) _clocks[coin].Restart(now);
        Volatile.Write(ref _connection, connection);
        foreach (var subscription in subscriptions) TrySend(subscription.Request(subscribe: true));
        Log($"feed: connected to {_options.Uri}, {subscriptions.Length} subscriptions sent");
    }

    private void OnAck(ReadOnlySpan<byte> data)
    {
        var ack = HlSubscription.FromAck(data);
        if (ack is null) return;
        var (subscription, subscribed) = ack.Value;
        Counters.Acks++;
        lock (_stateLock)
        {
            if (!subscribed) _acked.Remove(subscription);
            else if (_subscriptions.Contains(subscription)) _acked.Add(subscription);
        }
    }

    private async Task MonitorAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.MonitorPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) Check(Stopwatch.GetTimestamp());
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Check(long now)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null) return;

        if (Volatile.Read(ref _awaitingPong) && Stopwatch.GetElapsedTime(_pingSentTicks, now) > _options.PongTimeout)
        {
            Log($"feed: no pong within {_options.PongTimeout.TotalSeconds:0.#} s, dropping the connection");
            Volatile.Write(ref _awaitingPong, false);
            connection.Abort($"no pong within {_options.PongTimeout.TotalSeconds:0.#} s");
            return;
        }
        if (!Volatile.Read(ref _awaitingPong) && Stopwatch.GetElapsedTime(_pingSentTicks, now) > _options.PingInterval)
        {
            _pingSentTicks = now;
            Volatile.Write(ref _awaitingPong, true);
            if (TrySend(PingRequest)) Counters.PingsSent++;
        }

        lock (_publishLock)
        {
            Counters.StaleChecks++;
            for (var coin = 0; coin < _clocks.Length; coin++)
            {
                if (!_watched[coin] || !_clocks[coin].BecameStale(now, _options.StaleAfter)) continue;
                Counters.StaleSignals++;
                PublishControl((ushort)coin, ControlCode.FeedStale, now);
            }
        }
    }

    /// <summary>Publishes a control event; call with the publish lock held.</summary>
    private void PublishControl(ushort coin, ControlCode code, long now)
    {
        ref var e = ref _sink.Claim();
        e.Reset(EventKind.Control, coin, _clocks[coin].EstimatedExchangeTimeMs(now));
        e.Control = code;
        e.ReceiveTimestamp = now;
        _sink.Publish();
    }

    private bool TrySend(byte[] message)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null) return false;
        try
        {
            connection.SendText(message);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The receive loop sees the same failure and reconnects; the subscription is resent then.
            return false;
        }
    }

    private void Backoff(int attempt, CancellationToken ct)
    {
        var delay = ReconnectBackoff.Delay(attempt, _options.ReconnectDelayMin, _options.ReconnectDelayMax, _jitter);
        Log($"feed: reconnecting in {delay.TotalMilliseconds:0} ms");
        ct.WaitHandle.WaitOne(delay);
    }

    private void Log(string line) => _log?.Invoke(line);
}
