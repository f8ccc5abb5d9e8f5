using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Info;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Venue;
using HlScalper.Protocol.Info;

namespace HlScalper.LocalExchange.Tests;

/// <summary>Fills come from the recording through the back-tester's queue model (maker) or from the current book (taker), and move the account.</summary>
public class LocalExchangeFillTests
{
    [Test]
    public async Task A_resting_bid_reached_by_the_recordings_trades_fills_pushes_userFills_and_moves_position_and_account_value()
    {
        // Our bid joins 1 BTC at 60000; 8 s later (time enough to place it on a slow machine) 3 BTC trade there: the queue ahead is gone and we fill in full.
        var tape = SimHarness.Scripted(t => t.Trade(8_000, Side.Sell, 60_000, 3.0m, 1).Book(8_001, 59_999, 1.0m, 60_000, 1.0m));
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Loop = false }, tape);
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents >= 1, "the first book");
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await socket.SubscribeAsync($"{{\"type\":\"userFills\",\"user\":\"{client.User}\"}}");
        var snapshot = await socket.WaitFor("userFills", m => m.GetProperty("data").TryGetProperty("isSnapshot", out var s) && s.GetBoolean(), "the fills snapshot");
        Assert.That(snapshot.GetProperty("data").GetProperty("fills").GetArrayLength(), Is.Zero);

        var status = await client.StatusAsync(SignedClient.Order(true, "60000", "0.001", Tif.Alo, cloid: Cloid.FromPrefix(1, 2)));
        var oid = status.GetProperty("resting").GetProperty("oid").GetInt64();
        Assert.That(sim.Server.Venue.Counters.MarketEvents, Is.EqualTo(1), "the order went in before the trade (the tape waits 8 s)");

        var push = await socket.WaitFor("userFills", m => m.GetProperty("data").GetProperty("fills").GetArrayLength() > 0, "the fill push");
        var fill = push.GetProperty("data").GetProperty("fills")[0];
        Assert.That((fill.GetProperty("oid").GetInt64(), fill.GetProperty("px").GetString(), fill.GetProperty("sz").GetString(), fill.GetProperty("side").GetString(), fill.GetProperty("crossed").GetBoolean()),
            Is.EqualTo((oid, "60000", "0.001", "B", false)));
        Assert.That(fill.GetProperty("fee").GetString(), Is.EqualTo("0.009"), "maker 0.015 % of $60");
        Assert.That(fill.GetProperty("cloid").GetString(), Is.EqualTo(Cloid.FromPrefix(1, 2).ToString()));

        using var http = new HttpClient();
        var info = new HlInfoClient(http, sim.Server.HttpUri);
        var state = await info.ClearinghouseStateAsync(client.User);
        var position = state.AssetPositions.Single().Position;
        Assert.That((position.Coin, position.Szi, position.EntryPx), Is.EqualTo(("BTC", "0.001", (string?)"60000")));
        Assert.That(decimal.Parse(state.MarginSummary.AccountValue, System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(10_000m).And.LessThan(10_000m));
        var fills = await info.UserFillsAsync(client.User);
        Assert.That(fills.Select(f => (f.Oid, f.Px, f.Crossed)), Is.EqualTo(new[] { (oid, "60000", false) }));
        Assert.That(await info.OpenOrdersAsync(client.User), Is.Empty);
    }

    [Test]
    public async Task A_crossing_order_takes_the_book_as_taker_and_reduce_only_rules_hold()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions(), SimHarness.Scripted(t => t.Book(600_000, 60_000, 1.0m, 60_001, 1.0m)));
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents >= 1, "the first book");

        var reduceFirst = await client.StatusAsync(SignedClient.Order(false, "60000", "0.001", Tif.Gtc, reduceOnly: true));
        var bought = await client.StatusAsync(SignedClient.Order(true, "60005", "0.002", Tif.Ioc));
        var reduceWrongWay = await client.StatusAsync(SignedClient.Order(true, "60001", "0.001", Tif.Ioc, reduceOnly: true));
        var iocNoMatch = await client.StatusAsync(SignedClient.Order(false, "60010", "0.001", Tif.Ioc));
        var closed = await client.StatusAsync(SignedClient.Order(false, "59000", "0.0001", Tif.Ioc, reduceOnly: true));

        Assert.That(reduceFirst.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.ReduceOnly));
        var filled = bought.GetProperty("filled");
        Assert.That((filled.GetProperty("totalSz").GetString(), filled.GetProperty("avgPx").GetString()), Is.EqualTo(("0.002", "60001")));
        Assert.That(reduceWrongWay.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.ReduceOnly));
        Assert.That(iocNoMatch.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.IocNoMatch));
        Assert.That(closed.GetProperty("filled").GetProperty("avgPx").GetString(), Is.EqualTo("60000"), "a reduce-only order below $10 closes part of the position");
        var account = (await sim.StateAsync()).GetProperty("accounts")[0];
        Assert.That(account.GetProperty("position")[0].GetProperty("szi").GetString(), Is.EqualTo("0.0019"));
        using var http = new HttpClient();
        var fills = await new HlInfoClient(http, sim.Server.HttpUri).UserFillsAsync(client.User);
        Assert.That(fills.Select(f => (f.Crossed, f.Dir)), Is.EqualTo(new[] { (true, "Close Long"), (true, "Open Long") }), "newest first");
        Assert.That(fills[1].Fee, Is.EqualTo("0.0540009"), "taker 0.045 % of $120.002");
    }
}
