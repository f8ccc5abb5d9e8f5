using HlScalper.Engine.Orders;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Venue;
using HlScalper.Protocol.Actions;

namespace HlScalper.LocalExchange.Tests;

/// <summary>scheduleCancel is the exchange's real mechanism: at least 5 s ahead, fires on the wall clock, cancels every open order with status scheduledCancel, clears when sent without a time.</summary>
public class LocalExchangeDeadManTests
{
    [Test]
    public async Task A_scheduled_cancel_fires_and_cancels_every_open_order_with_status_scheduledCancel()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await socket.SubscribeAsync($"{{\"type\":\"orderUpdates\",\"user\":\"{client.User}\"}}");
        await socket.WaitFor("subscriptionResponse", _ => true, "subscribed");
        await client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo));
        await client.StatusAsync(SignedClient.Order(false, "99000", "0.001", Tif.Alo));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var tooEarly = await client.SendAsync(new ScheduleCancelAction(now + 1_000));
        var scheduled = await client.SendAsync(new ScheduleCancelAction(now + 6_500));

        Assert.That(tooEarly.GetProperty("response").GetString(), Is.EqualTo(ErrorTexts.ScheduleTooEarly));
        Assert.That(scheduled.GetProperty("response").GetProperty("type").GetString(), Is.EqualTo("default"));
        await Eventually.Until(() => sim.Server.Venue.Counters.ScheduledCancels == 1, "the dead-man switch fired");
        Assert.That(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Is.GreaterThanOrEqualTo(now + 6_500), "not before its time");
        var update = await socket.WaitFor("orderUpdates", m => m.GetProperty("data").EnumerateArray().Any(u => u.GetProperty("status").GetString() == "scheduledCancel"), "scheduledCancel updates");
        Assert.That(update.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("status").GetString()), Is.EqualTo(new[] { "scheduledCancel", "scheduledCancel" }), "both orders in one message");
        var state = await sim.StateAsync();
        Assert.That(state.GetProperty("accounts")[0].GetProperty("openOrders").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_schedule_sent_without_a_time_is_cleared_and_never_fires()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        await client.StatusAsync(SignedClient.Order(true, "90000", "0.001", Tif.Alo));
        var due = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 6_500;

        var set = await client.SendAsync(new ScheduleCancelAction(due));
        var cleared = await client.SendAsync(new ScheduleCancelAction());
        Assert.That((set.GetProperty("status").GetString(), cleared.GetProperty("status").GetString()), Is.EqualTo(("ok", "ok")));
        await Eventually.Until(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > due + 1_000, "past the cleared deadline");

        Assert.That(sim.Server.Venue.Counters.ScheduledCancels, Is.Zero);
        Assert.That((await sim.StateAsync()).GetProperty("accounts")[0].GetProperty("openOrders").GetArrayLength(), Is.EqualTo(1));
    }
}
