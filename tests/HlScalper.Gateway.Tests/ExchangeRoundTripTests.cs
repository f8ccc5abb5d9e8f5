using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.DeadMan;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>The exchange client, response parsing and dead-man switch against a real Kestrel <c>/exchange</c> that recovers every signature.</summary>
public class ExchangeRoundTripTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private static readonly EthAddress KeyAddress = EthAddress.Parse("0x8f09e17eF40239d74759BEc5ed9cfe12C2529cC5");
    private static readonly EthAddress Vault = EthAddress.Parse("0x13270b3c5253ed619a118f76da6ec44893d950b4");

    private ExchangeTestServer _server = null!;
    private HttpClient _http = null!;
    private IDigestSigner _signer = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await ExchangeTestServer.StartAsync();
        _http = new HttpClient();
        _signer = Signers.Create(Key);
    }

    [TearDown]
    public async Task Stop()
    {
        _signer.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private ExchangeClient Client(EthAddress? vault = null, TimeSpan? expires = null) =>
        new(_http, _server.ExchangeUri, new L1ActionSigner(_signer, isMainnet: true), new NonceSource(), vault) { ExpiresAfter = expires };

    [Test]
    public async Task Orders_cancels_and_leverage_arrive_signed_by_our_key_with_increasing_nonces()
    {
        var client = Client(Vault, TimeSpan.FromSeconds(30));
        var cloid = Cloid.FromPrefix(0xABCD, 1);
        var order = new OrderAction([OrderWire.Limit(0, true, Px.Parse("61264"), Sz.Parse("0.001"), Tif.Alo, cloid: cloid), OrderWire.Limit(0, false, Px.Parse("61300.5"), Sz.Parse("0.001"), Tif.Alo)]);

        var placed = await client.SendAsync(order);
        var cancelled = await client.SendAsync(new CancelByCloidAction([new CloidCancelWire(0, cloid)]));
        var leverage = await client.SendAsync(new UpdateLeverageAction(0, true, 5));

        Assert.That(placed.Type, Is.EqualTo(ExchangeResponseType.Order));
        Assert.That(placed.Statuses.Select(s => s.Kind), Is.EqualTo(new[] { ActionStatusKind.Resting, ActionStatusKind.Resting }));
        Assert.That(cancelled.Statuses.Single().Kind, Is.EqualTo(ActionStatusKind.Success));
        Assert.That(leverage.Type, Is.EqualTo(ExchangeResponseType.Default));
        var received = _server.Received.ToArray();
        Assert.That(received.Select(r => r.Action.Type), Is.EqualTo(new[] { "order", "cancelByCloid", "updateLeverage" }));
        Assert.That(received.Select(r => r.Signer), Is.All.EqualTo(KeyAddress));
        Assert.That(received.Select(r => r.Vault), Is.All.EqualTo(Vault));
        Assert.That(received.Select(r => r.ExpiresAfter - r.Nonce), Is.All.EqualTo(30_000));
        Assert.That(_server.NonceViolations, Is.Zero);
    }

    [Test]
    public async Task A_rejected_action_a_429_and_a_server_error_are_typed_errors()
    {
        var client = Client();
        _server.ThenStatus(200, """{"status":"err","response":"User or API Wallet 0x0000000000000000000000000000000000000001 does not exist."}""");
        _server.ThenStatus(429, """null""");
        _server.ThenStatus(502, """bad gateway""");

        var rejected = Assert.ThrowsAsync<ExchangeRejectedException>(() => client.SendAsync(new NoopAction()));
        Assert.ThrowsAsync<ExchangeRateLimitedException>(() => client.SendAsync(new NoopAction()));
        var transport = Assert.ThrowsAsync<ExchangeTransportException>(() => client.SendAsync(new NoopAction()));
        var after = await client.SendAsync(new NoopAction());

        Assert.That(rejected!.Reason, Does.StartWith("User or API Wallet"));
        Assert.That(transport!.Message, Does.Contain("HTTP 502"));
        Assert.That(after.Type, Is.EqualTo(ExchangeResponseType.Default));
        Assert.That(_server.Received, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Order_statuses_become_order_update_events_on_the_ring()
    {
        var client = Client();
        _server.ThenStatus(200, """{"status":"ok","response":{"type":"order","data":{"statuses":[{"resting":{"oid":77738308}},{"filled":{"totalSz":"0.02","avgPx":"1891.4","oid":77747314}},{"error":"Post only order would have immediately matched, bbo was 1891.3@1891.4"}]}}}""");
        var orders = new OrderRef[]
        {
            new(1, Cloid.FromPrefix(7, 1), Side.Buy, Px.Parse("1890"), Sz.Parse("0.02")),
            new(1, Cloid.FromPrefix(7, 2), Side.Buy, Px.Parse("1892"), Sz.Parse("0.02")),
            new(1, Cloid.FromPrefix(7, 3), Side.Sell, Px.Parse("1891"), Sz.Parse("0.02")),
        };
        var response = await client.SendAsync(new OrderAction([.. orders.Select(o => OrderWire.Limit(1, o.Side == Side.Buy, o.Px, o.Sz, Tif.Alo, cloid: o.Cloid))]));
        var (ring, sink) = Ring();

        OrderUpdatePublisher.Publish(ref sink, response.Statuses, orders, 1_700_000_000_000);

        Assert.That(sink.Published, Is.EqualTo(3));
        Assert.That((ring[0].Status, ring[0].Oid, ring[0].Cloid), Is.EqualTo((OrderStatus.Open, 77738308L, orders[0].Cloid)));
        Assert.That((ring[1].Status, ring[1].Oid, ring[1].Px, ring[1].Sz), Is.EqualTo((OrderStatus.Filled, 77747314L, Px.Parse("1891.4"), Sz.Parse("0.02"))));
        Assert.That((ring[2].Status, ring[2].Kind, ring[2].Side), Is.EqualTo((OrderStatus.BadAloPxRejected, EventKind.OrderUpdate, Side.Sell)));
    }

    [Test]
    public void A_single_error_for_a_batch_applies_to_every_order()
    {
        var response = ExchangeResponse.Parse("""{"status":"ok","response":{"type":"order","data":{"statuses":[{"error":"Order must have minimum value of $10."}]}}}"""u8);
        var (ring, sink) = Ring();
        var orders = new OrderRef[] { new(0, Cloid.FromPrefix(1, 1), Side.Buy, Px.Parse("1"), Sz.Parse("1")), new(0, Cloid.FromPrefix(1, 2), Side.Buy, Px.Parse("1"), Sz.Parse("1")) };

        OrderUpdatePublisher.Publish(ref sink, response.Statuses, orders, 0);

        Assert.That(new[] { ring[0].Status, ring[1].Status }, Is.All.EqualTo(OrderStatus.MinTradeNtlRejected));
        Assert.That(ring[1].Cloid, Is.EqualTo(orders[1].Cloid));
    }

    [Test]
    public void A_malformed_response_is_a_transport_error_naming_it()
    {
        var error = Assert.Throws<ExchangeTransportException>(() => ExchangeResponse.Parse("""{"status":"ok","response":{"type":"mystery"}}"""u8));
        Assert.That(error!.Message, Does.Contain("mystery"));
    }

    [Test]
    public async Task The_dead_man_switch_refreshes_ahead_alarms_after_three_failures_in_a_row_and_recovers()
    {
        var client = Client();
        var (ring, sink) = Ring();
        var deadMan = new DeadManSwitch<RingEventSink>((a, c) => client.SendAsync(a, c), sink, new DeadManOptions(), TimeProvider.System);
        _server.ThenStatus(200, """{"status":"ok","response":{"type":"default"}}""");
        for (var i = 0; i < 4; i++) _server.ThenStatus(429, "null");

        var results = new List<bool>();
        for (var i = 0; i < 6; i++) results.Add(await deadMan.RefreshOnceAsync(CancellationToken.None));
        var cleared = await deadMan.ClearAsync(CancellationToken.None);

        Assert.That(results, Is.EqualTo(new[] { true, false, false, false, false, true }));
        Assert.That(cleared, Is.True);
        var received = _server.Received.ToArray();
        Assert.That(received, Has.Length.EqualTo(7));
        Assert.That(received.Select(r => r.Action), Is.All.TypeOf<ScheduleCancelAction>());
        Assert.That(received.Select(r => r.Signer), Is.All.EqualTo(KeyAddress));
        var scheduled = received.Take(6).Select(r => ((ScheduleCancelAction)r.Action).Time!.Value - r.Nonce).ToArray();
        Assert.That(scheduled, Is.All.InRange(5_000L, 8_000L), "the cancel time is 8 s ahead of the moment of signing, never under the exchange minimum");
        Assert.That(((ScheduleCancelAction)received[6].Action).Time, Is.Null, "a clean stop clears the schedule");
        var events = Enumerable.Range(0, 3).Select(i => (ring[i].Control, ring[i].Value)).ToArray();
        Assert.That(events, Is.EqualTo(new[] { (ControlCode.DeadManFailed, 3L), (ControlCode.DeadManFailed, 4L), (ControlCode.DeadManOk, 0L) }));
        Assert.That(ring.Size, Is.GreaterThan(3));
        Assert.That(deadMan.Alarmed, Is.False);
    }

    [Test]
    public async Task A_server_clock_far_ahead_of_ours_raises_a_nonce_skew_warning()
    {
        var warnings = new List<string>();
        var client = new ExchangeClient(_http, _server.ExchangeUri, new L1ActionSigner(_signer, isMainnet: true), new NonceSource()) { OnClockWarning = warnings.Add };

        await client.SendAsync(new NoopAction());
        _server.Date = DateTimeOffset.UtcNow.AddHours(30);
        await client.SendAsync(new NoopAction());

        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.Contain("behind the exchange clock"));
    }

    [Test]
    public async Task The_running_switch_keeps_refreshing_and_clears_the_schedule_when_stopped()
    {
        var client = Client();
        var (_, sink) = Ring();
        var deadMan = new DeadManSwitch<RingEventSink>((a, c) => client.SendAsync(a, c), sink, new DeadManOptions { Interval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var run = deadMan.RunAsync(stop.Token);
        Assert.That(SpinWait.SpinUntil(() => _server.Received.Count >= 3, TimeSpan.FromSeconds(30)), Is.True, "the switch stopped refreshing");
        await stop.CancelAsync();
        await run;

        var received = _server.Received.ToArray();
        Assert.That(received[..^1].Select(r => ((ScheduleCancelAction)r.Action).Time), Is.All.Not.Null);
        Assert.That(((ScheduleCancelAction)received[^1].Action).Time, Is.Null, "stopping clears the schedule instead of letting it fire");
        Assert.That(deadMan.Refreshes, Is.InRange(received.Length - 2, received.Length - 1), "a refresh cut off by the stop may have reached the server");
        Assert.That(_server.NonceViolations, Is.Zero);
    }

    [Test]
    public void Dead_man_options_below_the_exchange_minimum_are_refused()
    {
        Assert.That(() => new DeadManOptions { Ahead = TimeSpan.FromSeconds(4) }.Validate(), Throws.ArgumentException.With.Message.Contains("minimum"));
        Assert.That(() => new DeadManOptions { Interval = TimeSpan.FromSeconds(9) }.Validate(), Throws.ArgumentException.With.Message.Contains("shorter"));
    }

    private static (RingBuffer<MarketEvent> Ring, RingEventSink Sink) Ring()
    {
        var ring = new RingBuffer<MarketEvent>(16);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
        return (ring, new RingEventSink(ring, sequencer));
    }
}
