using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Signing;
using HlScalper.Replay.Exchange;

namespace HlScalper.LocalExchange.Accounts;

/// <summary>One trading account of the local exchange: its own matching core (the back-tester's <see cref="SimExchange"/>), cash, leverage, orders, fills and limits.</summary>
/// <remarks>Accounts never trade with each other: each one's orders meet the replayed market only, as in a back-test.</remarks>
public sealed class Account
{
    /// <summary>Fills kept for <c>userFills</c> (the exchange returns at most 2000).</summary>
    public const int FillsKept = 2000;

    public const int ScheduledCancelsPerDay = 10;

    private readonly Dictionary<long, OrderRecord> _orders = [];
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

    public IEnumerable<OrderRecord> Orders => _orders.Values;

    public IEnumerable<OrderRecord> OpenOrders => _orders.Values.Where(o => o.Status == OrderStatus.Open).OrderBy(o => o.Oid);

    /// <summary>When the dead-man switch fires (Unix ms); null when none is set.</summary>
    public long? ScheduledCancelMs { get; set; }

    public long ScheduledCancelDay { get; set; }

    public int ScheduledCancelsToday { get; set; }

    public int LeverageOf(ushort coin) => _leverage.TryGetValue(coin, out var value) ? value : _defaultLeverage;

    public void SetLeverage(ushort coin, int leverage) => _leverage[coin] = leverage;

    public void Remember(OrderRecord order) => _orders[order.Oid] = order;

    public OrderRecord? Find(long oid) => _orders.GetValueOrDefault(oid);

    public OrderRecord? Find(Engine.Orders.Cloid cloid) => _orders.Values.Where(o => o.Cloid == cloid).MaxBy(o => o.Oid);

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
