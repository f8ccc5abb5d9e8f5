using System.Text.Json;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Info;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Venue;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;

namespace HlScalper.LocalExchange.Tests;

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

        var frontend = await _sim.InfoAsync($"{{\"type\":\"frontendOpenOrders\",\"user\":\"{_client.User}\"}}");
        Assert.That((frontend[0].GetProperty("tif").GetString(), frontend[0].GetProperty("orderType").GetString(), frontend[0].GetProperty("reduceOnly").GetBoolean()), Is.EqualTo(("Alo", "Limit", false)));

        var cancel = await _client.StatusAsync(new CancelByCloidAction([new CloidCancelWire(0, cloid)]));
        Assert.That(cancel.GetString(), Is.EqualTo("success"));
        await socket.WaitFor("orderUpdates", m => m.GetProperty("data")[0].GetProperty("status").GetString() == "canceled", "canceled update");
        Assert.That(await info.OpenOrdersAsync(_client.User), Is.Empty);
        var again = await _client.StatusAsync(new CancelAction([new CancelWire(0, oid)]));
        Assert.That(again.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.CancelMissing));
        var byOid = await _sim.InfoAsync($"{{\"type\":\"orderStatus\",\"user\":\"{_client.User}\",\"oid\":{oid}}}");
        var byCloid = await _sim.InfoAsync($"{{\"type\":\"orderStatus\",\"user\":\"{_client.User}\",\"oid\":\"{cloid}\"}}");
        var unknown = await _sim.InfoAsync($"{{\"type\":\"orderStatus\",\"user\":\"{_client.User}\",\"oid\":12345}}");
        Assert.That(byOid.GetProperty("order").GetProperty("status").GetString(), Is.EqualTo("canceled"));
        Assert.That(byCloid.GetProperty("order").GetProperty("order").GetProperty("oid").GetInt64(), Is.EqualTo(oid));
        Assert.That(unknown.GetProperty("status").GetString(), Is.EqualTo("unknownOid"));
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

    [Test]
    public async Task Book_and_bbo_subscribers_get_a_snapshot_at_once_then_updates_and_modify_replaces_an_order()
    {
        await using var socket = await SimSocket.ConnectAsync(_sim.Server.WebSocketUri);
        await socket.SubscribeAsync("{\"type\":\"bbo\",\"coin\":\"BTC\"}");
        await socket.SubscribeAsync("{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":null,\"mantissa\":null}");
        await socket.SubscribeAsync("{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":null,\"mantissa\":null}");

        var bbo = await socket.WaitFor("bbo", _ => true, "a bbo");
        await socket.WaitFor("l2Book", _ => true, "a book");
        var acks = socket.On("subscriptionResponse");
        Assert.That(acks[1].GetProperty("data").GetProperty("subscription").GetProperty("mantissa").ValueKind, Is.EqualTo(JsonValueKind.Null), "the subscription is echoed as sent");
        Assert.That(socket.On("error").Single().GetProperty("data").GetString(), Does.StartWith("Already subscribed"));
        var levels = bbo.GetProperty("data").GetProperty("bbo");
        Assert.That(decimal.Parse(levels[0].GetProperty("px").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Is.LessThan(decimal.Parse(levels[1].GetProperty("px").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));

        var placed = await _client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo, cloid: Cloid.FromPrefix(9, 1)));
        var modified = await _client.SendAsync(new ModifyAction(ModifyTarget.ByCloid(Cloid.FromPrefix(9, 1)),
            SignedClient.Order(true, "90001", "0.002", Tif.Alo, cloid: Cloid.FromPrefix(9, 2)).Orders[0]));
        Assert.That(placed.TryGetProperty("resting", out _), Is.True);
        Assert.That(modified.GetProperty("response").GetProperty("type").GetString(), Is.EqualTo("default"));
        var open = (await _sim.StateAsync()).GetProperty("accounts")[0].GetProperty("openOrders");
        Assert.That(open.EnumerateArray().Select(o => (o.GetProperty("limitPx").GetString(), o.GetProperty("sz").GetString(), o.GetProperty("cloid").GetString())),
            Is.EqualTo(new[] { ("90001", "0.002", Cloid.FromPrefix(9, 2).ToString()) }));
    }
}
