using System.Text.Json;
using System.Text.Json.Nodes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.LocalExchange.Accounts;
using HlScalper.LocalExchange.Requests;
using HlScalper.LocalExchange.Server;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.LocalExchange.Venue;

/// <summary>The exchange's state behind one lock: the replayed market, the accounts and their matching cores, nonces, counters; it checks and executes signed actions and publishes what changed.</summary>
/// <remarks>
/// Every entry point takes the lock, does its work, then flushes the pushes it queued, so subscribers see
/// events in the order they happened. It is not the product's hot path: clarity over speed.
/// </remarks>
public sealed class LocalVenue
{
    private const long DayMs = 86_400_000;

    private readonly Lock _gate = new();
    private readonly LocalExchangeOptions _options;
    private readonly SessionHub _hub;
    private readonly HlMessageWriter _writer;
    private readonly Dictionary<EthAddress, Account> _accounts = [];
    private readonly Dictionary<EthAddress, NonceWindow> _nonces = [];
    private readonly List<(string? Topic, ClientSession? Session, byte[] Message)> _pending = [];
    private readonly EventCollector _events = new();
    private readonly OrderDesk _desk;

    public LocalVenue(LocalExchangeOptions options, MarketState market, SessionHub hub)
    {
        _options = options;
        _hub = hub;
        Market = market;
        _writer = new HlMessageWriter(market.Coins);
        Faults.RejectShare = options.RejectShare;
        Faults.LatencyMs = options.LatencyMs;
        _desk = new OrderDesk(this, new Random(options.Seed));
        foreach (var (address, equity) in options.Accounts) Open(address, equity);
    }

    public MarketState Market { get; }

    public VenueCounters Counters { get; } = new();

    public FaultKnobs Faults { get; } = new();

    public LocalExchangeOptions Options => _options;

    internal EventCollector Events => _events;

    internal HlMessageWriter Writer => _writer;

    /// <summary>Exchange time of the last market event (rebased to the wall clock).</summary>
    public long MarketTimeMs { get; private set; }

    public long NowMs => _options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public int Connections => _hub.Count;

    /// <summary>Runs <paramref name="work"/> under the lock, then sends what it published.</summary>
    public T Locked<T>(Func<T> work)
    {
        lock (_gate)
        {
            try
            {
                return work();
            }
            finally
            {
                Flush();
            }
        }
    }

    /// <summary>A known account, or null (info requests for unknown users answer empty state).</summary>
    internal Account? Find(string user) =>
        EthAddress.TryParse(user, out var address) ? _accounts.GetValueOrDefault(address) : null;

    internal IEnumerable<Account> Accounts => _accounts.Values;

    /// <summary>Drops every WebSocket connection abruptly; returns how many there were.</summary>
    public int Kick()
    {
        var kicked = _hub.KickAll();
        lock (_gate) Counters.Kicks++;
        return kicked;
    }

    /// <summary>Adds <paramref name="deltaUsd"/> to an account's cash (opening it in paper mode); false when the account does not exist.</summary>
    public bool AddEquity(EthAddress user, decimal deltaUsd) => Locked(() =>
    {
        var account = _accounts.GetValueOrDefault(user) ?? (_options.Accounts.Count == 0 ? Open(user, _options.Equity) : null);
        if (account is null) return false;
        account.CashRaw += Fixed8.FromDecimal(deltaUsd);
        return true;
    });

    /// <summary>Applies one replayed market event (time already rebased): books, resting-order fills, and the market pushes unless stalled.</summary>
    public void OnMarket(ref readonly MarketEvent e)
    {
        lock (_gate)
        {
            try
            {
                Counters.MarketEvents++;
                MarketTimeMs = e.ExchangeTimeMs;
                var bboChanged = Market.Apply(in e);
                foreach (var account in _accounts.Values)
                {
                    _events.Clear();
                    var sink = _events.AsSink();
                    account.Matching.OnMarket(in e, ref sink);
                    if (_events.Count > 0) Apply(account);
                }
                if (Faults.IsStalled(NowMs)) Counters.StalledEvents++;
                else PublishMarket(in e, bboChanged);
            }
            finally
            {
                Flush();
            }
        }
    }

    /// <summary>Time-driven work: fires due dead-man switches.</summary>
    public void Tick() => Locked(() =>
    {
        var now = NowMs;
        foreach (var account in _accounts.Values)
            if (account.ScheduledCancelMs is { } due && due <= now) _desk.FireScheduledCancel(account, now);
        return 0;
    });

    /// <summary>Checks and executes one <c>/exchange</c> body; returns HTTP status and response JSON.</summary>
    /// <param name="respondFirst">Called with status and response under the lock, before the pushes the action caused are sent (a WebSocket post answers first).</param>
    public async Task<(int Status, string Body)> ExecuteAsync(byte[] body, Action<int, string>? respondFirst = null)
    {
        await HoldAsync().ConfigureAwait(false);
        SignedActionRequest request;
        try
        {
            request = SignedActionRequest.Parse(body, _options.IsMainnet, new L1ActionHasher());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            var text = BadRequest(e.Message);
            lock (_gate)
            {
                Counters.Reject("malformed request");
                respondFirst?.Invoke(422, text);
            }
            return (422, text);
        }
        return Locked(() =>
        {
            var response = Execute(request).ToJsonString();
            respondFirst?.Invoke(200, response);
            return (200, response);
        });
    }

    /// <summary>Holds an action for the injected latency, or until the latency is changed.</summary>
    private async Task HoldAsync()
    {
        var (ms, changed) = Faults.Latency;
        if (ms == 0) return;
        Interlocked.Increment(ref Counters.DelayedActions);
        Interlocked.Increment(ref Counters.HeldActions);
        // A change of the latency cancels the delay: that ends the hold early, it is no error.
        await Task.Delay(ms, changed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Interlocked.Decrement(ref Counters.HeldActions);
    }

    /// <summary>The answer to a body the exchange cannot read (HTTP 422, as the exchange's deserializer answers).</summary>
    public static string BadRequest(string detail) => $"Failed to deserialize the JSON body into the target type: {detail}";

    private JsonNode Execute(SignedActionRequest request)
    {
        var now = NowMs;
        if (request.Signer is not { } signer) return Error(ErrorTexts.Unrecoverable);
        var address = request.Vault ?? signer;
        var account = _accounts.GetValueOrDefault(address);
        if (account is null)
        {
            if (_options.Accounts.Count > 0) return Error(ErrorTexts.UnknownUser(address.ToString()));
            account = Open(address, _options.Equity);
        }
        var isCancel = request.Action is CancelAction or CancelByCloidAction;
        if (request.ExpiresAfter is { } expires && expires < now)
        {
            // Spec §5: an action refused for being expired costs five times its weight.
            account.Budget.TryCharge(5 * request.Action.BatchLength, isCancel, now);
            return Error(ErrorTexts.Expired(expires, now));
        }
        if (!_nonces.TryGetValue(signer, out var nonces)) _nonces[signer] = nonces = new NonceWindow();
        if (nonces.TryUse(request.Nonce, now) is { } nonceError) return Error(nonceError);
        if (account.Budget.TryCharge(request.Action.BatchLength, isCancel, now) is { } budgetError) return Error(budgetError);
        return request.Action switch
        {
            OrderAction order => _desk.PlaceAll(account, order, now),
            CancelAction cancel => _desk.CancelAll(account, cancel, now),
            CancelByCloidAction cancel => _desk.CancelAll(account, cancel, now),
            ModifyAction modify => _desk.Modify(account, modify, now),
            BatchModifyAction modify => _desk.BatchModify(account, modify, now),
            ScheduleCancelAction schedule => _desk.Schedule(account, schedule.Time, now),
            UpdateLeverageAction leverage => _desk.UpdateLeverage(account, leverage),
            NoopAction => Ok(),
            var other => Error(ErrorTexts.Unsupported(other.Type)),
        };
    }

    internal JsonNode Error(string text)
    {
        Counters.Reject(text);
        return new JsonObject { ["status"] = "err", ["response"] = text };
    }

    internal static JsonNode Ok() => new JsonObject { ["status"] = "ok", ["response"] = new JsonObject { ["type"] = "default" } };

    private Account Open(EthAddress address, decimal equity)
    {
        var index = _accounts.Count;
        var matching = _options.Matching with { FirstOid = _options.Matching.FirstOid + index * 1_000_000_000_000L };
        var account = new Account(address, equity, matching, Market.CoinCount, _options.DefaultLeverage, new ActionBudget(_options.ActionBudget, _options.ThrottledIntervalMs));
        _accounts[address] = account;
        // A new matching core starts from the book as it is now, so its first order meets the current market.
        for (ushort coin = 0; coin < Market.CoinCount; coin++)
        {
            if (Market.Book(coin).BidCount + Market.Book(coin).AskCount == 0) continue;
            var book = Market.Snapshot(coin, Market.Book(coin).TimeMs);
            _events.Clear();
            var sink = _events.AsSink();
            account.Matching.OnMarket(in book, ref sink);
        }
        return account;
    }

    /// <summary>Books what the matching core answered (in <see cref="Events"/>) into the account, and queues its <c>orderUpdates</c>/<c>userFills</c> pushes.</summary>
    internal void Apply(Account account)
    {
        var updates = 0;
        var fills = 0;
        for (var i = 0; i < _events.Count; i++)
        {
            ref var e = ref _events[i];
            var order = account.Find(e.Oid);
            if (e.Kind == EventKind.Fill)
            {
                fills++;
                Counters.Fills++;
                account.CashRaw += e.ClosedPnl - e.Fee;
                account.FeesRaw += e.Fee;
                account.RealizedRaw += e.ClosedPnl;
                account.Budget.AddVolume(Fixed8.ToDecimal(e.Px.Raw) * Fixed8.ToDecimal(e.Sz.Raw));
                account.AddFill(in e);
                order?.RemainingRaw -= e.Sz.Raw;
            }
            else if (e.Kind == EventKind.OrderUpdate)
            {
                updates++;
                if (e.Status.IsCancel()) Counters.Cancels++;
                if (order is null) continue;
                order.RemainingRaw = e.Sz.Raw;
                order.Status = e.Status;
                order.StatusTimestampMs = e.ExchangeTimeMs;
                if (e.Status.IsTerminal()) account.Finished(order);
            }
        }
        var events = _events.Events;
        var orderTopic = SessionHub.UserTopic("orderUpdates", account.Name);
        if (updates > 0 && _hub.HasSubscribers(orderTopic)) Publish(orderTopic, _writer.OrderUpdates(events));
        var fillTopic = SessionHub.UserTopic("userFills", account.Name);
        if (fills > 0 && _hub.HasSubscribers(fillTopic)) Publish(fillTopic, _writer.UserFills(account.Name, events, isSnapshot: false));
    }

    private void PublishMarket(ref readonly MarketEvent e, bool bboChanged)
    {
        var coin = Market.Coins.NameOf(e.Coin);
        switch (e.Kind)
        {
            case EventKind.Book when _hub.HasSubscribers(SessionHub.MarketTopic("l2Book", coin)):
                Publish(SessionHub.MarketTopic("l2Book", coin), _writer.L2Book(in e));
                break;
            case EventKind.Trade when _hub.HasSubscribers(SessionHub.MarketTopic("trades", coin)):
                Publish(SessionHub.MarketTopic("trades", coin), _writer.Trade(in e));
                break;
        }
        if (bboChanged && _hub.HasSubscribers(SessionHub.MarketTopic("bbo", coin)))
        {
            var top = Market.Snapshot(e.Coin, e.ExchangeTimeMs);
            Publish(SessionHub.MarketTopic("bbo", coin), _writer.Bbo(in top));
        }
    }

    /// <summary>Queues a message for a topic; sent when the current locked operation ends.</summary>
    internal void Publish(string topic, ReadOnlyMemory<byte> message) => _pending.Add((topic, null, message.ToArray()));

    /// <summary>Queues a message for one session (subscription answers, snapshots), in order with the topic pushes.</summary>
    internal void SendTo(ClientSession session, ReadOnlyMemory<byte> message) => _pending.Add((null, session, message.ToArray()));

    private void Flush()
    {
        foreach (var (topic, session, message) in _pending)
        {
            if (session is not null) session.Send(message);
            else _hub.Publish(topic!, message);
        }
        _pending.Clear();
    }

    internal static long DayOf(long ms) => ms / DayMs;
}
