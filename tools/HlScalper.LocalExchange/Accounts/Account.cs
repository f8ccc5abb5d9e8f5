using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Exchange;

namespace HlScalper.LocalExchange.Accounts;

/// <summary>One trading account of the local exchange: its own matching core (the back-tester's <see cref="SimExchange"/>), cash, leverage, orders, fills and limits.</summary>
/// <remarks>Accounts never trade with each other: each one's orders meet the replayed market only, as in a back-test.</remarks>
public sealed class Account
{
    /// <summary>Fills kept for <c>userFills</c> (the exchange returns at most 2000).</summary>
    public const int FillsKept = 2000;

    public const int ScheduledCancelsPerDay = 10;

    /// <summary>Finished orders remembered for <c>orderStatus</c>; older ones are forgotten so a long run stays small.</summary>
    public const int FinishedKept = 10_000;

    private readonly Dictionary<long, OrderRecord> _orders = [];
    private readonly Dictionary<Engine.Orders.Cloid, OrderRecord> _byCloid = [];
    private readonly Queue<OrderRecord> _finished = new();
    private readonly SortedDictionary<long, OrderRecord> _open = [];
    private readonly Dictionary<ushort, int> _leverage = [];
    private readonly int _defaultLeverage;

    public Account(EthAddress address, decimal equity, SimExchangeConfig matching, int coinCount, int defaultLeverage, ActionBudget budget)
    {
        Address = address;
        Name = address.ToString();
        CashRaw = Fixed8.FromDecimal(equity);
        Matching = new SimExchange(matching with { LatencyMs = 0, LatencyJitterMs = 0, MaxInFlight = 4 }, coinCount);
        _defaultLeverage = defaultLeverage;
        Budget = budget;
    }

    public EthAddress Address { get; }

    /// <summary>"0x" + 40 lower-case hex digits.</summary>
    public string Name { get; }

    public SimExchange Matching { get; }

    public ActionBudget Budget { get; }

    /// <summary>Deposits plus realised PnL minus fees, raw quote units.</summary>
    public long CashRaw { get; set; }

    public long FeesRaw { get; set; }

    public long RealizedRaw { get; set; }

    /// <summary>Most recent last.</summary>
    public List<MarketEvent> Fills { get; } = [];

    public long FillCount { get; set; }

    /// <summary>Open orders, oldest first.</summary>
    public IEnumerable<OrderRecord> OpenOrders => _open.Values;

    /// <summary>When the dead-man switch fires (Unix ms); null when none is set.</summary>
    public long? ScheduledCancelMs { get; set; }

    public long ScheduledCancelDay { get; set; }

    public int ScheduledCancelsToday { get; set; }

    public int LeverageOf(ushort coin) => _leverage.TryGetValue(coin, out var value) ? value : _defaultLeverage;

    public void SetLeverage(ushort coin, int leverage) => _leverage[coin] = leverage;

    public void Remember(OrderRecord order)
    {
        _orders[order.Oid] = order;
        if (order.Status == OrderStatus.Open) _open[order.Oid] = order;
        if (!order.Cloid.IsEmpty) _byCloid[order.Cloid] = order;
    }

    /// <summary>Called once when an order reached a terminal status: it stays findable until <see cref="FinishedKept"/> newer ones finished.</summary>
    public void Finished(OrderRecord order)
    {
        _open.Remove(order.Oid);
        _finished.Enqueue(order);
        if (_finished.Count <= FinishedKept) return;
        var old = _finished.Dequeue();
        _orders.Remove(old.Oid);
        if (_byCloid.TryGetValue(old.Cloid, out var latest) && latest == old) _byCloid.Remove(old.Cloid);
    }

    public OrderRecord? Find(long oid) => _orders.GetValueOrDefault(oid);

    /// <summary>The latest order placed with <paramref name="cloid"/>.</summary>
    public OrderRecord? Find(Engine.Orders.Cloid cloid) => _byCloid.GetValueOrDefault(cloid);

    public void AddFill(in MarketEvent fill)
    {
        Fills.Add(fill);
        if (Fills.Count > FillsKept) Fills.RemoveAt(0);
        FillCount++;
    }

    /// <summary>Unrealised PnL and margin of every position at the marks, raw quote units.</summary>
    public (long Unrealized, long Margin, long Notional) Exposure(Func<ushort, long> mark, int coinCount)
    {
        long unrealized = 0, margin = 0, notional = 0;
        for (ushort coin = 0; coin < coinCount; coin++)
        {
            var position = Matching.PositionOf(coin);
            if (position.IsFlat) continue;
            var px = mark(coin);
            if (px == 0) px = position.EntryPxRaw;
            var value = (long)((Int128)Math.Abs(position.SizeRaw) * px / Fixed8.Scale);
            unrealized += position.Unrealized(px);
            notional += value;
            margin += value / LeverageOf(coin);
        }
        return (unrealized, margin, notional);
    }
}
