using System.Text.Json;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange.Actions;
using HlScalper.Gateway.Info;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Venue;
using HlScalper.Tests.Gateway.Support;

namespace HlScalper.Tests.LocalExchange;

/// <summary>Orders against the local exchange over real HTTP and WebSocket, signed with real keys: resting, cancels, the exchange's order checks and their error texts.</summary>
public class LocalExchangeOrderTests
{
    private SimHarness _sim = null!;
    private SignedClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 1 });
        _client = new SignedClient(_sim, SignedClient.KeyA);
        await Eventually.Until(() => _sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Test]
    public async Task A_post_only_order_below_the_market_rests_is_pushed_on_orderUpdates_and_listed_until_cancelled()
    {
        await using var socket = await SimSocket.ConnectAsync(_sim.Server.WebSocketUri);
        await socket.SubscribeAsync($"{{\"type\":\"orderUpdates\",\"user\":\"{_client.User}\"}}");
        await socket.WaitFor("subscriptionResponse", _ => true, "subscription acknowledged");
        var cloid = Cloid.FromPrefix(0xABCD, 7);

        var resting = await _client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo, cloid: cloid));
        var oid = resting.GetProperty("resting").GetProperty("oid").GetInt64();
        Assert.That(resting.GetProperty("resting").GetProperty("cloid").GetString(), Is.EqualTo(cloid.ToString()));
        var update = await socket.WaitFor("orderUpdates", m => m.GetProperty("data")[0].GetProperty("status").GetString() == "open", "open update");
        Assert.That(update.GetProperty("data")[0].GetProperty("order").GetProperty("oid").GetInt64(), Is.EqualTo(oid));

        using var http = new HttpClient();
        var info = new HlInfoClient(http, _sim.Server.HttpUri);
        var open = await info.OpenOrdersAsync(_client.User);
        Assert.That(open.Select(o => (o.Oid, o.Cloid, o.LimitPx, o.Sz, o.Side)), Is.EqualTo(new[] { (oid, (string?)cloid.ToString(), "90000", "0.001", "B") }));

        var cancel = await _client.StatusAsync(new CancelByCloidAction([new CloidCancelWire(0, cloid)]));
        Assert.That(cancel.GetString(), Is.EqualTo("success"));
        await socket.WaitFor("orderUpdates", m => m.GetProperty("data")[0].GetProperty("status").GetString() == "canceled", "canceled update");
        Assert.That(await info.OpenOrdersAsync(_client.User), Is.Empty);
        var again = await _client.StatusAsync(new CancelAction([new CancelWire(0, oid)]));
        Assert.That(again.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.CancelMissing));
    }

    [Test]
    public async Task A_post_only_order_that_would_cross_is_rejected_with_the_bbo_in_the_text()
    {
        var status = await _client.StatusAsync(SignedClient.Order(true, "200000", "0.001", Tif.Alo));
        Assert.That(status.GetProperty("error").GetString(), Does.Match(@"^Post only order would have immediately matched, bbo was \d+(\.\d+)?@\d+(\.\d+)?\.$"));
    }

    [Test]
    public async Task Tick_lot_and_minimum_value_violations_get_the_exchange_texts()
    {
        Assert.That((await _client.StatusAsync(SignedClient.Order(true, "90000.5", "0.001", Tif.Alo))).GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.Tick), "5 significant figures");
        Assert.That((await _client.StatusAsync(SignedClient.Order(true, "90000", "0.0001234", Tif.Alo))).GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.Size), "5 size decimals");
        Assert.That((await _client.StatusAsync(SignedClient.Order(true, "90000", "0.0001", Tif.Alo))).GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.MinValue), "$9 of BTC");
        var state = await _sim.StateAsync();
        Assert.That(state.GetProperty("counters").GetProperty("rejectsByReason").GetProperty(ErrorTexts.Tick).GetInt32(), Is.EqualTo(1));
    }
}
