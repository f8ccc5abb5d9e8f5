using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

public class TradeLedgerTests
{
    private const long OneBtc = 100_000_000;

    [Test]
    public void A_round_trip_records_prices_pnl_fees_hold_and_exit_reason()
    {
        var ledger = new TradeLedger(1);
        ledger.OnMark(0, 100 * Usd, 0);
        ledger.OnFill(0, Side.Buy, 100 * Usd, OneBtc / 2, 10, 0, 1_000, IntentReason.Entry);
        ledger.OnFill(0, Side.Buy, 102 * Usd, OneBtc / 2, 10, 0, 1_500, IntentReason.Entry);
        var position = new Position { SizeRaw = OneBtc, EntryPxRaw = 101 * Usd };
        var closed = position.Apply(Side.Sell, 105 * Usd, OneBtc);
        ledger.OnFill(0, Side.Sell, 105 * Usd, OneBtc, 30, closed, 4_000, IntentReason.TakeProfit);

        var trade = ledger.Trades.Single();
        Assert.That(trade.Side, Is.EqualTo(Side.Buy));
        Assert.That(trade.EntryPxRaw, Is.EqualTo(101 * Usd));
        Assert.That(trade.ExitPxRaw, Is.EqualTo(105 * Usd));
        Assert.That(trade.GrossPnlRaw, Is.EqualTo(4 * Usd));
        Assert.That(trade.FeesRaw, Is.EqualTo(50));
        Assert.That(trade.NetPnlRaw, Is.EqualTo(4 * Usd - 50));
        Assert.That(trade.HoldMs, Is.EqualTo(3_000));
        Assert.That((trade.EntryReason, trade.ExitReason, trade.EndOfData), Is.EqualTo((IntentReason.Entry, IntentReason.TakeProfit, false)));
    }

    [Test]
    public void A_flip_closes_one_trade_and_opens_the_next_with_the_remainder_and_its_fee_share()
    {
        var ledger = new TradeLedger(1);
        ledger.OnFill(0, Side.Buy, 100 * Usd, OneBtc, 0, 0, 0, IntentReason.Entry);
        ledger.OnFill(0, Side.Sell, 99 * Usd, 3 * OneBtc, 300, -1 * Usd, 1_000, IntentReason.AdverseExit);
        Assert.That(ledger.Trades, Has.Count.EqualTo(1));
        Assert.That(ledger.Trades[0].FeesRaw, Is.EqualTo(100));
        ledger.OnMark(0, 98 * Usd, 2_000);
        ledger.Finish();
        var open = ledger.Trades[1];
        Assert.That(open.Side, Is.EqualTo(Side.Sell));
        Assert.That(open.SizeRaw, Is.EqualTo(2 * OneBtc));
        Assert.That(open.EndOfData, Is.True);
        Assert.That(open.FeesRaw, Is.EqualTo(200));
        Assert.That(open.GrossPnlRaw, Is.EqualTo(2 * Usd), "short 2 at 99, marked at 98");
    }

    [Test]
    public void Equity_is_sampled_each_minute_and_drawdown_and_sharpe_follow_it()
    {
        var ledger = new TradeLedger(1);
        ledger.OnMark(0, 100 * Usd, 0);
        ledger.OnFill(0, Side.Buy, 100 * Usd, OneBtc, 0, 0, 0, IntentReason.Entry);
        long[] marks = [101, 103, 99, 104, 102];
        for (var i = 0; i < marks.Length; i++) ledger.OnMark(0, marks[i] * Usd, (i + 1) * 60_000L);
        ledger.Finish();
        // A mark exactly on a minute is in that minute's sample; the last one's minute is the end point, not a second point.
        Assert.That(ledger.Equity.Select(p => (p.TimeMs / 60_000, p.EquityRaw / Usd)),
            Is.EqualTo(new[] { (0L, 0L), (1, 1), (2, 3), (3, -1), (4, 4), (5, 2) }));
        Assert.That(BacktestSummary.MaxDrawdownOf(ledger.Equity), Is.EqualTo(4.0));
        // One-minute changes 1, 2, -4, 5, -2; the expected Sharpe is computed here independently of the summary code.
        double[] changes = [1, 2, -4, 5, -2];
        var mean = changes.Average();
        var sd = Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / (changes.Length - 1));
        Assert.That(BacktestSummary.SharpeOf(ledger.Equity), Is.EqualTo(mean / sd * Math.Sqrt(525_600)).Within(1e-9));
    }

    [Test]
    public void The_minutes_an_event_passes_show_the_equity_before_it_not_the_price_it_brings()
    {
        var ledger = new TradeLedger(1);
        ledger.OnMark(0, 100 * Usd, 0);
        ledger.OnFill(0, Side.Buy, 100 * Usd, OneBtc, 0, 0, 0, IntentReason.Entry);
        ledger.OnMark(0, 102 * Usd, 30_000);
        // No market for two and a half minutes, then a move to 90: minutes 1 and 2 ended at 102.
        ledger.OnMark(0, 90 * Usd, 150_000);
        ledger.OnFill(0, Side.Sell, 90 * Usd, OneBtc, 0, -10 * Usd, 200_000, IntentReason.AdverseExit);
        ledger.OnMark(0, 95 * Usd, 240_001);
        ledger.Finish();
        Assert.That(ledger.Equity.Select(p => (p.TimeMs, p.EquityRaw / Usd)),
            Is.EqualTo(new[] { (0L, 0L), (60_000, 2), (120_000, 2), (180_000, -10), (240_000, -10), (240_001, -10) }));
        Assert.That(BacktestSummary.MaxDrawdownOf(ledger.Equity), Is.EqualTo(12.0), "from the peak of 2 at minutes 1 and 2 to -10");
    }
}
