using HlScalper.Engine.Events;
using HlScalper.LocalExchange;

namespace HlScalper.LocalExchange.Tests;

/// <summary>The replayed market: times rebased to the wall clock, looping that keeps the clock going, info over a socket post.</summary>
public class LocalExchangeMarketTests
{
    private const long MarketReplayerGap = HlScalper.LocalExchange.Market.MarketReplayer.LoopGapMs;

    [Test]
    public async Task Market_times_are_rebased_to_now_and_a_looped_recording_keeps_the_clock_moving_forward()
    {
        // 3 events over 300 ms of 2025 recording time, played at speed 2 and looped.
        var tape = SimHarness.Scripted(t => t.Trade(100, Side.Buy, 60_001, 0.1m, 1).Book(300, 60_000, 2.0m, 60_001, 1.0m));
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 2, Loop = true }, tape);
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);
        await socket.SubscribeAsync("{\"type\":\"trades\",\"coin\":\"BTC\"}");

        await Eventually.Until(() => socket.On("trades").Count >= 3, "the trade of three passes");
        var times = socket.On("trades").Select(m => m.GetProperty("data")[0].GetProperty("time").GetInt64()).ToList();
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var tids = socket.On("trades").Select(m => m.GetProperty("data")[0].GetProperty("tid").GetInt64()).ToList();
        Assert.That(times, Is.Ordered.Ascending);
        // The socket may subscribe after the first passes went by (a busy machine): the pass it first sees is not known, the step is.
        var firstPass = tids[0] >> 52;
        Assert.That(tids.Take(3), Is.EqualTo(new[] { 1 + (firstPass << 52), 1 + ((firstPass + 1) << 52), 1 + ((firstPass + 2) << 52) }), "each pass's trades get their own tids");
        Assert.That(times, Is.All.InRange(start, end), "exchange times are today's, not the recording's");
        Assert.That(times[1] - times[0], Is.EqualTo((300 + MarketReplayerGap) / 2).Within(1), "one pass of the recording (plus the loop gap) at speed 2");
    }

    [Test]
    public async Task Info_requests_posted_over_the_socket_are_answered_with_their_type_and_data()
    {
        await using var sim = await SimHarness.StartAsync();
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);

        await socket.SendAsync("{\"method\":\"post\",\"id\":7,\"request\":{\"type\":\"info\",\"payload\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}}");
        await socket.SendAsync("{\"method\":\"post\",\"id\":8,\"request\":{\"type\":\"info\",\"payload\":{\"type\":\"bogus\"}}}");
        await Eventually.Until(() => socket.On("post").Count == 2, "both answers");

        var answers = socket.On("post").ToDictionary(p => p.GetProperty("data").GetProperty("id").GetInt64(), p => p.GetProperty("data").GetProperty("response"));
        Assert.That(answers[7].GetProperty("type").GetString(), Is.EqualTo("info"));
        Assert.That(answers[7].GetProperty("payload").GetProperty("type").GetString(), Is.EqualTo("l2Book"));
        Assert.That(answers[7].GetProperty("payload").GetProperty("data").GetProperty("levels")[0].GetArrayLength(), Is.GreaterThan(0));
        Assert.That(answers[8].GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(answers[8].GetProperty("payload").GetString(), Does.Contain("bogus"));
    }
}
