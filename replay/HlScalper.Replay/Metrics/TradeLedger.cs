using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Metrics;

/// <summary>Turns fills into round trips and samples mark-to-market equity once per <see cref="SampleIntervalMs"/> of exchange time.</summary>
/// <remarks>Fed by the simulated exchange on the replay thread. Lists are preallocated, so a run that stays within their capacity allocates nothing.</remarks>
public sealed class TradeLedger
{
    /// <summary>Equity is sampled each minute of exchange time: the basis of Sharpe and drawdown.</summary>
    public const long SampleIntervalMs = 60_000;

    private readonly Position[] _positions;
    private readonly OpenTrade[] _open;
    private readonly long[] _marks;
    private long _nextSampleMs = long.MinValue;
    private long _lastTimeMs;

    /// <param name="equityRunCapacity">Runs of equal equity to make room for (<see cref="EquityCurve"/>); a run a minute at most.</param>
    public TradeLedger(int coinCount, int tradeCapacity = 1 << 14, int equityRunCapacity = 1 << 10)
    {
        _positions = new Position[Math.Max(coinCount, 1)];
        _open = new OpenTrade[_positions.Length];
        _marks = new long[_positions.Length];
        Trades = new List<TradeRecord>(tradeCapacity);
        Equity = new EquityCurve(equityRunCapacity);
    }

    public List<TradeRecord> Trades { get; }

    /// <summary>Mark-to-market equity samples, one per minute, plus the final point after <see cref="Finish"/>.</summary>
    public EquityCurve Equity { get; }

    public long RealizedGrossRaw { get; private set; }

    public long FeesRaw { get; private set; }

    /// <summary>Fees on fills that added liquidity (maker rate); <see cref="FeesRaw"/> minus these is the taker part.</summary>
    public long MakerFeesRaw { get; private set; }

    /// <summary>Funding received (positive) or paid (negative) on open positions.</summary>
    public long FundingRaw { get; private set; }

    public long FirstTimeMs { get; private set; } = long.MinValue;

    public long LastTimeMs => _lastTimeMs;

    /// <summary>Realised net of fees plus open positions at their last mid.</summary>
    public long EquityRaw
    {
        get
        {
            var equity = RealizedGrossRaw - FeesRaw + FundingRaw;
            for (var i = 0; i < _positions.Length; i++) equity += _positions[i].Unrealized(_marks[i]);
            return equity;
        }
    }

    public void OnMark(ushort coin, long midRaw, long timeMs)
    {
        if (coin >= _marks.Length) return;
        // The minutes this event's time passes (all of a gap's) ended before it and must not show the price it brings.
        Advance(timeMs);
        if (midRaw > 0) _marks[coin] = midRaw;
    }

    /// <param name="taker">The fill took liquidity (crossed the book).</param>
    /// <param name="placedMs">When the filled order reached the exchange (for the queue wait of an entry).</param>
    public void OnFill(ushort coin, Side side, long pxRaw, long szRaw, long feeRaw, long closedPnlRaw, long timeMs, IntentReason reason, bool taker = false, long placedMs = long.MinValue)
    {
        Advance(timeMs);
        if (!taker) MakerFeesRaw += feeRaw;
        var liquidity = taker ? Liquidity.Taker : Liquidity.Maker;
        ref var position = ref _positions[coin];
        ref var trade = ref _open[coin];
        RealizedGrossRaw += closedPnlRaw;
        FeesRaw += feeRaw;

        var before = position.SizeRaw;
        position.Apply(side, pxRaw, szRaw);
        var opening = before == 0 || Math.Sign(before) == side.Sign() ? szRaw : Math.Max(0, szRaw - Math.Abs(before));
        var closing = szRaw - opening;
        if (closing > 0)
        {
            var closingFee = feeRaw * closing / szRaw;
            trade.ExitNotional += (Int128)pxRaw * closing;
            trade.ExitSize += closing;
            trade.Gross += closedPnlRaw;
            trade.Fees += closingFee;
            trade.ExitReason = reason;
            trade.ExitLiquidity = Merge(trade.ExitLiquidity, liquidity);
            feeRaw -= closingFee;
            if (Math.Sign(position.SizeRaw) != Math.Sign(before)) Close(coin, ref trade, timeMs, endOfData: false);
        }
        if (opening > 0)
        {
            if (!trade.Active)
                trade = new OpenTrade { Active = true, Side = side, EntryTimeMs = timeMs, EntryReason = reason, QueueWaitMs = placedMs == long.MinValue ? 0 : Math.Max(0, timeMs - placedMs) };
            trade.EntryLiquidity = Merge(trade.EntryLiquidity, liquidity);
            trade.EntryNotional += (Int128)pxRaw * opening;
            trade.EntrySize += opening;
            trade.Fees += feeRaw;
        }
    }

    /// <summary>Funding on the open position of <paramref name="coin"/> at an hour: <paramref name="amountRaw"/> received (negative: paid), booked to the open trade.</summary>
    public void OnFunding(ushort coin, long amountRaw, long timeMs)
    {
        Advance(timeMs);
        FundingRaw += amountRaw;
        if (coin < _open.Length && _open[coin].Active) _open[coin].Funding += amountRaw;
    }

    /// <summary>Closes open positions at their last mid (no exit fee) and adds the final equity point.</summary>
    public void Finish()
    {
        for (ushort coin = 0; coin < _open.Length; coin++)
        {
            ref var trade = ref _open[coin];
            if (!trade.Active) continue;
            var size = Math.Abs(_positions[coin].SizeRaw);
            trade.Gross += _positions[coin].Unrealized(_marks[coin]);
            trade.ExitNotional += (Int128)_marks[coin] * size;
            trade.ExitSize += size;
            trade.ExitReason = IntentReason.None;
            Close(coin, ref trade, _lastTimeMs, endOfData: true);
        }
        if (FirstTimeMs != long.MinValue) Equity.Add(new EquityPoint(_lastTimeMs, EquityRaw));
    }

    private void Close(ushort coin, ref OpenTrade trade, long timeMs, bool endOfData)
    {
        Trades.Add(new TradeRecord(
            coin, trade.Side, trade.EntryTimeMs, timeMs,
            trade.EntrySize == 0 ? 0 : (long)(trade.EntryNotional / trade.EntrySize),
            trade.ExitSize == 0 ? 0 : (long)(trade.ExitNotional / trade.ExitSize),
            trade.EntrySize, trade.Gross, trade.Fees, trade.EntryReason, trade.ExitReason, endOfData,
            trade.EntryLiquidity, endOfData ? Liquidity.None : trade.ExitLiquidity, trade.QueueWaitMs, trade.Funding));
        trade = default;
    }

    private static Liquidity Merge(Liquidity soFar, Liquidity fill) => soFar == Liquidity.None || soFar == fill ? fill : Liquidity.Mixed;

    private void Advance(long timeMs)
    {
        if (FirstTimeMs == long.MinValue)
        {
            FirstTimeMs = timeMs;
            _nextSampleMs = timeMs + SampleIntervalMs;
            Equity.Add(new EquityPoint(timeMs, 0));
        }
        // A sample at minute T is the equity after every event at or before T: it is taken once time passes T, before the
        // event that passes it acts (a mark's price, a fill, funding), and an event exactly at T is still in it.
        while (timeMs > _nextSampleMs)
        {
            Equity.Add(new EquityPoint(_nextSampleMs, EquityRaw));
            _nextSampleMs += SampleIntervalMs;
        }
        _lastTimeMs = Math.Max(_lastTimeMs, timeMs);
    }

    private struct OpenTrade
    {
        public bool Active;
        public Side Side;
        public long EntryTimeMs;
        public Int128 EntryNotional;
        public long EntrySize;
        public Int128 ExitNotional;
        public long ExitSize;
        public long Gross;
        public long Fees;
        public IntentReason EntryReason;
        public IntentReason ExitReason;
        public Liquidity EntryLiquidity;
        public Liquidity ExitLiquidity;
        public long QueueWaitMs;
        public long Funding;
    }
}
