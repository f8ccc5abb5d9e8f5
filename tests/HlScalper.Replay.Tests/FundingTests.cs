using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Synthetic;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

/// <summary>Funding: accrued on the hour on open positions, from a constant rate or a series, into the trade, the summary and equity.</summary>
public class FundingTests
{
    private const long Hour = SimExchange.FundingIntervalMs;
    private const long T0 = 1_735_689_600_000;   // 2025-01-01 00:00 UTC, on the hour

    /// <summary>Opens a position of <paramref name="lots"/> (IOC across a 100/101 book) just after <see cref="T0"/>, then replays books at the given times (bid 100, ask 101) and closes it at the end.</summary>
    private static (SimExchange Exchange, EventList Out) Hold(SimExchangeConfig config, Side side, long lots, long[] bookTimes, FundingSeries? series = null)
    {
        var exchange = new SimExchange(config with { LatencyMs = 0, LatencyJitterMs = 0 }, 1);
        if (series is not null) exchange.UseFunding(0, series);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(T0 + 1, 100, 101, 50);
        exchange.OnMarket(in book, ref sink);
        exchange.Submit(new OrderIntent { Kind = IntentKind.Place, Side = side, Tif = Tif.Ioc, Px = new((side == Side.Buy ? 101 : 100) * Usd), Sz = new(lots * Lot), DecisionTimeMs = T0 + 1 });
        exchange.AcceptSubmitted();
        exchange.ProcessNextArrival(ref sink);
        foreach (var t in bookTimes)
        {
            var e = Book(t, 100, 101, 50);
            exchange.OnMarket(in e, ref sink);
        }
        return (exchange, output);
    }

    [TestCase(Side.Buy, -1)]
    [TestCase(Side.Sell, 1)]
    public void A_constant_rate_is_paid_by_longs_and_received_by_shorts_once_an_hour_at_the_mid(Side side, int sign)
    {
        const decimal rate = 0.0001m;
        var (exchange, _) = Hold(new SimExchangeConfig { FundingRate = rate }, side, 40, [T0 + Hour / 2, T0 + Hour + 5, T0 + Hour + 9, T0 + 3 * Hour + 1]);
        // Three hours passed (1 h, 2 h, 3 h) with 0.04 coin open at a mid of 100.5.
        var perHour = 40 * Lot * 100.5m * rate;
        Assert.That(exchange.Ledger.FundingRaw, Is.EqualTo((long)(sign * 3 * perHour)));
        Assert.That(exchange.PositionOf(0).SizeRaw, Is.EqualTo(-sign * 40 * Lot), "the position is still open");
    }

    [Test]
    public void Without_a_rate_or_series_nothing_accrues()
    {
        var (exchange, _) = Hold(new SimExchangeConfig(), Side.Buy, 40, [T0 + 5 * Hour]);
        Assert.That(exchange.Ledger.FundingRaw, Is.Zero);
    }

    [Test]
    public void A_series_gives_the_rate_in_force_at_each_hour_at_its_oracle_price()
    {
        var series = FundingSeries.FromPoints("BTC",
        [
            new FundingPoint(T0 + Hour, 0.0002m, 90m),
            new FundingPoint(T0 + 2 * Hour, -0.0001m, 0m),   // no oracle price: the mid
        ]);
        var (exchange, _) = Hold(new SimExchangeConfig { FundingRate = 0.5m / 100 }, Side.Buy, 40, [T0 + 2 * Hour + 1], series);
        var expected = -(40 * Lot * 90m * 0.0002m) + 40 * Lot * 100.5m * 0.0001m;
        Assert.That(exchange.Ledger.FundingRaw, Is.EqualTo((long)expected));
    }

    [Test]
    public void Funding_lands_in_the_trade_the_summary_and_net_pnl()
    {
        var (exchange, _) = Hold(new SimExchangeConfig { FundingRate = 0.0001m }, Side.Buy, 40, [T0 + 2 * Hour + 1]);
        exchange.Ledger.Finish();
        var trade = exchange.Ledger.Trades.Single();
        Assert.That(trade.FundingRaw, Is.EqualTo(exchange.Ledger.FundingRaw).And.Not.Zero);
        Assert.That(trade.NetPnlRaw, Is.EqualTo(trade.GrossPnlRaw - trade.FeesRaw + trade.FundingRaw));
        var summary = Metrics.BacktestSummary.From(exchange.Ledger, exchange.Counters);
        Assert.That(summary.Funding, Is.EqualTo(Fixed8.ToDouble(trade.FundingRaw)));
        Assert.That(summary.NetPnl, Is.EqualTo(Fixed8.ToDouble(trade.NetPnlRaw)).Within(1e-9));
        Assert.That(summary.Rows().Single(r => r.Name == "funding_usd").Value, Is.EqualTo(Fixed8.ToDouble(trade.FundingRaw).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_back_test_holding_across_hours_accrues_funding_and_repeats_byte_for_byte()
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 3 * Hour });
        // Exits far away, so positions are held across the hours.
        var options = new BacktestOptions
        {
            Asset = AssetMeta.BtcPerp, Settings = ["prior_n=1000000", "timeout_s=7200", "tp_ticks=1000", "adverse_ticks=1000"],
            Exchange = new SimExchangeConfig { FundingRate = 0.0001m },
        };
        var first = Backtest.Run(tape, options);
        var second = Backtest.Run(tape, options);
        var series = Backtest.Run(tape, options with { Funding = FundingSeries.FromPoints("BTC", [new FundingPoint(0, 0.0001m, 0)]) });
        Assert.That(first.Summary.Funding, Is.Not.Zero);
        Assert.That(second.Summary.ToTable(), Is.EqualTo(first.Summary.ToTable()));
        Assert.That(series.Summary.ToTable(), Is.EqualTo(first.Summary.ToTable()), "a series of one constant rate is that rate");
        var without = Backtest.Run(tape, options with { Exchange = new SimExchangeConfig() });
        Assert.That(without.Summary.Funding, Is.Zero);
        Assert.That(first.Summary.NetPnl - first.Summary.Funding, Is.EqualTo(without.Summary.NetPnl).Within(1e-6), "funding changes net PnL by itself only");
    }

    [Test]
    public async Task A_funding_table_round_trips_and_reads_one_coin()
    {
        using var dir = new TempDirectory();
        var path = dir.File("funding.parquet");
        await FundingTable.WriteAsync(path,
        [
            new FundingTable.Row(T0 + Hour, "BTC", "0.0000125", "-0.0003"),
            new FundingTable.Row(T0 + Hour, "ETH", "0.00002", "0"),
            new FundingTable.Row(T0, "BTC", "-0.00000625", "0.0001"),
            new FundingTable.Row(T0 + 2 * Hour, "BTC", "bad", "0"),
        ]);
        var series = await FundingTable.ReadAsync(path, "btc");
        Assert.That(series.Points.Select(p => (p.TimeMs, p.Rate)), Is.EqualTo(new[] { (T0, -0.00000625m), (T0 + Hour, 0.0000125m) }));
        Assert.That(series.BadLines, Is.EqualTo(1));
    }

    [Test]
    public async Task A_file_that_is_not_a_funding_table_is_a_data_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.parquet");
        await File.WriteAllTextAsync(path, "not parquet at all");
        Assert.That(() => FundingTable.ReadAsync(path, "BTC"), Throws.InstanceOf<TickDataException>().With.Message.Contains(path));
    }
}
