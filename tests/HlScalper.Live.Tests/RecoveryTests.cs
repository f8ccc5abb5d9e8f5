using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live.Account;
using HlScalper.Live.Producers;
using HlScalper.Live.Recovery;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live.Tests;

/// <summary>Start-up recovery against real Kestrel <c>/info</c> and <c>/exchange</c> servers: our orders and the position adopted, our extra orders cancelled as orphans, foreign orders left alone.</summary>
public class RecoveryTests
{
    private const string User = "0x8f09e17ef40239d74759bec5ed9cfe12c2529cc5";
    private const long Now = 1_764_000_000_000;
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private static readonly ulong Prefix = CloidPrefixes.For(User, "BTC", "");
    private static readonly Cloid Entry = Cloid.FromPrefix(Prefix, 30);
    private static readonly Cloid OlderEntry = Cloid.FromPrefix(Prefix, 20);
    private static readonly Cloid TakeProfit = Cloid.FromPrefix(Prefix, 25);
    private static readonly Cloid Foreign = Cloid.FromPrefix(0x1111, 1);

    [Test]
    public async Task Our_newest_orders_and_the_position_are_adopted_our_extra_order_is_cancelled_and_foreign_ones_are_left()
    {
        await using var info = await TestInfoServer.StartAsync((body, _) => (200, Answer(body)));
        await using var exchange = await ExchangeTestServer.StartAsync();
        using var http = new HttpClient();
        using var key = Signers.Create(Key);
        var infoClient = new HlInfoClient(http, info.BaseUri);
        var client = new ExchangeClient(http, exchange.ExchangeUri, new L1ActionSigner(key, true), new NonceSource());
        var asset = new AssetMeta("BTC", 0, 5, 40);

        var snapshot = await AccountSnapshot.FetchAsync(infoClient, User, new ManualClock(Now), CancellationToken.None);
        var plan = RecoveryPlan.From(snapshot, "BTC", Prefix);
        var cancelled = await new AccountActions(infoClient, client, User, asset, Prefix).CancelAsync(plan.Cancel, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Adopt.Select(o => o.Cloid), Is.EquivalentTo(new[] { Entry.ToString(), TakeProfit.ToString() }));
            Assert.That(plan.Cancel.Select(o => o.Cloid), Is.EqualTo(new[] { OlderEntry.ToString() }));
            Assert.That(plan.Foreign.Select(o => o.Oid), Is.EquivalentTo(new long[] { 4, 5 }), "another prefix and no cloid at all");
            Assert.That(plan.PositionRaw, Is.EqualTo(Sz.Parse("0.002").Raw));
            Assert.That(plan.EntryPxRaw, Is.EqualTo(Px.Parse("90000.5").Raw));
            Assert.That(plan.OpenedMs, Is.EqualTo(Now - 9_000), "the fill that took the position from flat");
            Assert.That(cancelled, Is.EqualTo(1));
            var cancel = exchange.Received.Single().Action as CancelByCloidAction;
            Assert.That(cancel?.Cancels.Take(cancel.Count), Is.EqualTo(new[] { new CloidCancelWire(0, OlderEntry) }), "only the orphan is cancelled");
        });

        // Through the ring, as the live engine hands it over, into a runner.
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
        var sink = new RingEventSink(ring, sequencer);
        AccountSyncPublisher.Publish(ref sink, plan, 0, snapshot.TakenUtcMs);
        var orders = new RecordingOrderSink();
        var runner = new SlotRunner(asset, 0, new EngineConfig().With($"cloid_prefix=0x{Prefix:x16}", "timeout_s=600"), orders);
        for (var s = 0L; s <= sequencer.Cursor.Value; s++) runner.OnEvent(ref ring[s]);
        var book = StrategyEvents.Book(snapshot.TakenUtcMs + 100, 90_000m, 90_001m, bidSz: 3m);
        runner.OnEvent(ref book);

        var live = runner.Orders.All.ToArray().Where(o => o.Live).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(runner.Position.SizeRaw, Is.EqualTo(plan.PositionRaw));
            Assert.That(runner.Position.OpenedMs, Is.EqualTo(Now - 9_000));
            Assert.That(live.Select(o => (o.Cloid, o.Role, o.Oid)), Is.EquivalentTo(new[] { (Entry, OrderRole.Entry, 1L), (TakeProfit, OrderRole.TakeProfit, 3L) }));
            Assert.That(orders.Places, Is.Empty, "no new entry or take-profit beside the adopted ones");
            Assert.That(orders.Cancels.Select(c => (c.Cloid, c.Reason)), Is.EqualTo(new[] { (Entry, IntentReason.EntryRemainder) }),
                "an entry working beside a position is cancelled; the take-profit stays");
        });
    }

    private static string Answer(string body)
    {
        var type = JsonDocument.Parse(body).RootElement.GetProperty("type").GetString();
        return type switch
        {
            "openOrders" => $$"""
                [
                  {"coin":"BTC","side":"B","limitPx":"89990","sz":"0.001","oid":1,"timestamp":{{Now - 1_000}},"origSz":"0.001","cloid":"{{Entry}}"},
                  {"coin":"BTC","side":"B","limitPx":"89980","sz":"0.001","oid":2,"timestamp":{{Now - 5_000}},"origSz":"0.001","cloid":"{{OlderEntry}}"},
                  {"coin":"BTC","side":"A","limitPx":"90002","sz":"0.002","oid":3,"timestamp":{{Now - 2_000}},"origSz":"0.002","cloid":"{{TakeProfit}}","reduceOnly":true},
                  {"coin":"BTC","side":"A","limitPx":"95000","sz":"0.01","oid":4,"timestamp":{{Now - 3_000}},"cloid":"{{Foreign}}"},
                  {"coin":"BTC","side":"B","limitPx":"80000","sz":"0.01","oid":5,"timestamp":{{Now - 3_000}}},
                  {"coin":"ETH","side":"B","limitPx":"3000","sz":"0.1","oid":6,"timestamp":{{Now - 3_000}},"cloid":"{{Cloid.FromPrefix(Prefix, 99)}}"}
                ]
                """,
            "clearinghouseState" => """
                {"marginSummary":{"accountValue":"10012.5","totalNtlPos":"180","totalRawUsd":"9832","totalMarginUsed":"36"},
                 "crossMarginSummary":{"accountValue":"10012.5","totalNtlPos":"180","totalRawUsd":"9832","totalMarginUsed":"36"},
                 "assetPositions":[{"type":"oneWay","position":{"coin":"BTC","szi":"0.002","entryPx":"90000.5","positionValue":"180","unrealizedPnl":"0",
                   "liquidationPx":null,"marginUsed":"36","leverage":{"type":"cross","value":5}}}],
                 "withdrawable":"9900","time":1764000000000}
                """,
            "userFills" => $$"""
                [
                  {{Fill(Now - 4_000, "0.001", "0.001")}},
                  {{Fill(Now - 9_000, "0", "0.001")}},
                  {{Fill(Now - 20_000, "-0.001", "0.001")}}
                ]
                """,
            _ => "null",
        };
    }

    private static string Fill(long time, string startPosition, string sz) =>
        $$"""{"coin":"BTC","px":"90000.5","sz":"{{sz}}","side":"B","time":{{time}},"startPosition":"{{startPosition}}","dir":"Open Long","closedPnl":"0","hash":"0x0","oid":9,"crossed":false,"fee":"0.01","tid":{{time}}}""";
}
