using HlScalper.Engine.Orders;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Venue;
using HlScalper.Protocol.Actions;

namespace HlScalper.LocalExchange.Tests;

/// <summary>The fault knobs and limits: kick, stall, reject share, the address action budget, idle clients.</summary>
public class LocalExchangeFaultTests
{
    [Test]
    public async Task A_kick_drops_every_socket_and_a_client_can_reconnect_and_resubscribe()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 5 });
        await using var first = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await using var second = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await first.SubscribeAsync("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        await first.WaitFor("l2Book", _ => true, "a book before the kick");
        await Eventually.Until(() => sim.Server.Venue.Connections == 2, "two connections");

        await sim.AdminAsync("/sim/kick");

        await Eventually.Until(() => first.Closed && second.Closed, "both sockets dropped");
        await Eventually.Until(() => sim.Server.Venue.Connections == 0, "the server forgot them");
        await using var again = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await again.SubscribeAsync("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        await again.WaitFor("l2Book", _ => true, "books after reconnecting");
        var counters = (await sim.StateAsync()).GetProperty("counters");
        Assert.That((counters.GetProperty("kicks").GetInt32(), counters.GetProperty("connections").GetInt32()), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_stall_stops_market_pushes_for_its_duration_while_the_socket_stays_open()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 5 });
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await socket.SubscribeAsync("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        await socket.SubscribeAsync("{\"type\":\"trades\",\"coin\":\"BTC\"}");
        await socket.WaitFor("l2Book", _ => true, "books flowing");

        var counters = sim.Server.Venue.Counters;
        await sim.AdminAsync("/sim/stall?ms=600000");
        await Eventually.Until(() => Volatile.Read(ref counters.StalledEvents) > 0, "the stall withholding a market event");
        // A session's outbox is first in, first out: once a pong sent after the stall began has arrived, so has every push queued before it.
        var fenceBefore = await Pong(socket);
        var withheld = Volatile.Read(ref counters.StalledEvents);
        await Eventually.Until(() => Volatile.Read(ref counters.StalledEvents) > withheld + 10, "the market kept moving inside the exchange");
        var fenceAfter = await Pong(socket);

        Assert.That(fenceAfter - fenceBefore, Is.EqualTo(1), "nothing but the second pong arrived while stalled");
        Assert.That(socket.Closed, Is.False);
        var before = socket.Messages.Count;
        await sim.AdminAsync("/sim/stall?ms=0");
        await Eventually.Until(() => socket.Messages.Count > before, "pushes resume after the stall");
    }

    [Test]
    public async Task A_reject_share_of_one_rejects_every_order_and_counts_them_as_injected()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");

        await sim.AdminAsync("/sim/reject?share=1");
        var rejected = await client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo));
        await sim.AdminAsync("/sim/reject?share=0");
        var accepted = await client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo));

        Assert.That(rejected.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.Injected));
        Assert.That(accepted.TryGetProperty("resting", out _), Is.True, accepted.GetRawText());
        var counters = (await sim.StateAsync()).GetProperty("counters");
        Assert.That((counters.GetProperty("injectedRejects").GetInt32(), counters.GetProperty("rejects").GetInt32(), counters.GetProperty("orders").GetInt32(), counters.GetProperty("acks").GetInt32()),
            Is.EqualTo((1, 1, 2, 1)));
        var (status, body) = await sim.PostAsync("/sim/reject?share=2", "");
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("share must be a number between 0 and 1"));
    }

    [Test]
    public async Task When_the_action_budget_is_spent_orders_are_throttled_but_cancels_still_work()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { ActionBudget = 3 });
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");

        var oids = new List<long>();
        for (var i = 0; i < 3; i++)
            oids.Add((await client.StatusAsync(SignedClient.Order(true, $"{90000 + i}", "0.001", Tif.Alo))).GetProperty("resting").GetProperty("oid").GetInt64());
        var throttledOnce = await client.SendAsync(SignedClient.Order(true, "90010", "0.001", Tif.Alo));
        var throttled = await client.SendAsync(SignedClient.Order(true, "90011", "0.001", Tif.Alo));
        var cancel = await client.StatusAsync(new CancelAction([new CancelWire(0, oids[0])]));

        Assert.That(throttledOnce.GetProperty("status").GetString(), Is.EqualTo("ok"), "one action per 10 s is still allowed over the budget");
        Assert.That(throttled.GetProperty("response").GetString(), Does.StartWith("Too many cumulative requests sent"));
        Assert.That(cancel.GetString(), Is.EqualTo("success"), "cancels have min(limit + 100000, 2 × limit)");
    }

    [Test]
    public async Task A_client_silent_for_the_idle_timeout_is_dropped_and_one_that_pings_is_kept()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { IdleTimeout = TimeSpan.FromSeconds(2) });
        await using var silent = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await using var pinging = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        using var stop = new CancellationTokenSource();
        var pinger = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await pinging.SendAsync("{\"method\":\"ping\"}");
                await Task.Delay(300);
            }
        });

        await Eventually.Until(() => silent.Closed, "the silent client dropped");
        await stop.CancelAsync();
        await pinger;

        Assert.That(pinging.Closed, Is.False);
        Assert.That(pinging.On("pong"), Is.Not.Empty);
    }

    [Test]
    public async Task Equity_and_latency_knobs_change_the_account_and_hold_actions_until_the_latency_changes()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await client.SendAsync(new NoopAction());
        var counters = sim.Server.Venue.Counters;

        await sim.AdminAsync($"/sim/equity?user={client.User}&delta=-2500.5");
        await sim.AdminAsync("/sim/latency?ms=600000");
        var delayed = client.SendAsync(new NoopAction());
        await Eventually.Until(() => Interlocked.Read(ref counters.HeldActions) == 1, "the sim holds the action");
        var answeredWhileHeld = delayed.IsCompleted;
        await sim.AdminAsync("/sim/latency?ms=0");
        var released = await delayed;
        var (missing, _) = await sim.PostAsync("/sim/equity?user=0x12&delta=1", "");
        var state = await sim.StateAsync();

        Assert.That(state.GetProperty("accounts")[0].GetProperty("accountValue").GetString(), Is.EqualTo("7499.5"));
        Assert.That(answeredWhileHeld, Is.False, "a held action is not answered");
        Assert.That(released.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(state.GetProperty("counters").GetProperty("delayedActions").GetInt64(), Is.EqualTo(1));
        Assert.That(state.GetProperty("counters").GetProperty("heldActions").GetInt64(), Is.Zero);
        Assert.That(missing, Is.EqualTo(400));
    }

    [Test]
    public async Task The_open_order_limit_and_the_leverage_range_are_enforced()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Matching = new() { MaxOpenOrders = 2 } });
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");

        await client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo));
        await client.StatusAsync(SignedClient.Order(true, "90001", "0.001", Tif.Alo));
        var third = await client.StatusAsync(SignedClient.Order(true, "90002", "0.001", Tif.Alo));
        var tooHigh = await client.SendAsync(new UpdateLeverageAction(0, true, 41));
        var fine = await client.SendAsync(new UpdateLeverageAction(0, true, 40));

        Assert.That(third.GetProperty("error").GetString(), Is.EqualTo(ErrorTexts.TooManyOpenOrders));
        Assert.That(tooHigh.GetProperty("response").GetString(), Is.EqualTo(ErrorTexts.Leverage));
        Assert.That(fine.GetProperty("status").GetString(), Is.EqualTo("ok"));
    }

    /// <summary>Sends a ping and waits for its pong; the number of messages received up to and including it.</summary>
    private static async Task<int> Pong(SimSocket socket)
    {
        var pongs = socket.On("pong").Count;
        await socket.SendAsync("{\"method\":\"ping\"}");
        await Eventually.Until(() => socket.On("pong").Count > pongs, "the pong");
        return socket.Messages.ToArray().Select((m, i) => (m, i)).Last(x => x.m.Contains("\"pong\"")).i + 1;
    }
}
