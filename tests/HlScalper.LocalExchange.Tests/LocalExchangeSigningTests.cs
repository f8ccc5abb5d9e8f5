using System.Text.Json;
using HlScalper.Engine.Orders;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Accounts;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.LocalExchange.Tests;

/// <summary>The local exchange authenticates like the real one: signer recovery, known accounts, the nonce rules of spec §4, unreadable bodies.</summary>
public class LocalExchangeSigningTests
{
    [Test]
    public async Task With_accounts_listed_a_signature_by_another_key_is_answered_with_the_recovered_address()
    {
        var allowed = Secp256k1Curve.AddressOf(Hex.Parse(SignedClient.KeyA));
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Accounts = new Dictionary<EthAddress, decimal> { [allowed] = 500m } });
        using var stranger = new SignedClient(sim, SignedClient.KeyB);
        using var owner = new SignedClient(sim, SignedClient.KeyA);

        var refused = await stranger.SendAsync(new NoopAction());
        var accepted = await owner.SendAsync(new NoopAction());

        Assert.That(refused.GetProperty("status").GetString(), Is.EqualTo("err"));
        Assert.That(refused.GetProperty("response").GetString(), Is.EqualTo($"User or API Wallet {stranger.User} does not exist."));
        Assert.That(accepted.GetProperty("status").GetString(), Is.EqualTo("ok"));
        var state = await sim.StateAsync();
        Assert.That(state.GetProperty("accounts").EnumerateArray().Select(a => (a.GetProperty("user").GetString(), a.GetProperty("accountValue").GetString())),
            Is.EqualTo(new[] { (owner.User, "500") }));
    }

    [Test]
    public async Task A_testnet_signature_recovers_to_a_different_address_on_a_mainnet_exchange()
    {
        var allowed = Secp256k1Curve.AddressOf(Hex.Parse(SignedClient.KeyA));
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Accounts = new Dictionary<EthAddress, decimal> { [allowed] = 500m } });
        using var wrongChain = new SignedClient(sim, SignedClient.KeyA, isMainnet: false);

        var refused = await wrongChain.SendAsync(new NoopAction());

        Assert.That(refused.GetProperty("response").GetString(), Does.StartWith("User or API Wallet 0x").And.Not.Contain(wrongChain.User));
    }

    [Test]
    public async Task A_reused_nonce_a_nonce_outside_the_window_and_one_below_the_100_highest_are_refused()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.That(Status(await client.SendAsync(new NoopAction(), now)), Is.EqualTo("ok"));
        Assert.That(Text(await client.SendAsync(new NoopAction(), now)), Is.EqualTo($"Invalid nonce: duplicate nonce {now}"));
        Assert.That(Text(await client.SendAsync(new NoopAction(), now - 3 * 86_400_000L)), Does.StartWith("Invalid nonce:").And.Contain("outside the allowed window"));
        Assert.That(Text(await client.SendAsync(new NoopAction(), now + 2 * 86_400_000L)), Does.Contain("outside the allowed window"));
        for (var i = 1; i < NonceWindow.Kept; i++) Assert.That(Status(await client.SendAsync(new NoopAction(), now + 10 * i)), Is.EqualTo("ok"));
        Assert.That(Status(await client.SendAsync(new NoopAction(), now + 5)), Is.EqualTo("ok"), "unused and above the smallest of the 100 kept");
        Assert.That(Text(await client.SendAsync(new NoopAction(), now + 1)), Does.Contain("lower than the smallest of the 100 highest"));
    }

    [Test]
    public async Task An_action_past_its_expiresAfter_is_refused_and_one_before_it_runs()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var late = await sim.PostAsync("/exchange", client.Body(new NoopAction(), client.NextNonce(), expiresAfter: now - 1_000));
        var inTime = await sim.PostAsync("/exchange", client.Body(new NoopAction(), client.NextNonce(), expiresAfter: now + 60_000));

        Assert.That(JsonDocument.Parse(late.Body).RootElement.GetProperty("response").GetString(), Does.StartWith("Action expired"));
        Assert.That(JsonDocument.Parse(inTime.Body).RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"), "expiresAfter is part of the signed hash and verified");
        var limits = await sim.InfoAsync($"{{\"type\":\"userRateLimit\",\"user\":\"{client.User}\"}}");
        Assert.That(limits.GetProperty("nRequestsUsed").GetInt32(), Is.EqualTo(6), "the expired action cost 5, the other 1");
    }

    [Test]
    public async Task Unreadable_bodies_get_422_with_the_reason_and_the_exchange_keeps_serving()
    {
        await using var sim = await SimHarness.StartAsync();
        using var client = new SignedClient(sim, SignedClient.KeyA);

        var notJson = await sim.PostAsync("/exchange", "{\"action\":");
        var noSignature = await sim.PostAsync("/exchange", "{\"action\":{\"type\":\"noop\"},\"nonce\":1}");
        var badAction = await sim.PostAsync("/exchange", "{\"action\":{\"type\":\"order\",\"orders\":[{\"a\":0}],\"grouping\":\"na\"},\"nonce\":1,\"signature\":{\"r\":\"0x1\",\"s\":\"0x1\",\"v\":27}}");
        var badInfo = await sim.PostAsync("/info", "{\"type\":\"noSuchThing\"}");

        Assert.That(new[] { notJson.Status, noSignature.Status, badAction.Status, badInfo.Status }, Is.All.EqualTo(422));
        Assert.That(noSignature.Body, Does.Contain("missing field 'signature'"));
        Assert.That(badAction.Body, Does.Contain("missing field 't'"));
        Assert.That(badInfo.Body, Does.Contain("noSuchThing"));
        Assert.That(Status(await client.SendAsync(new NoopAction())), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Malformed_socket_messages_get_an_error_message_and_the_socket_stays_usable()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var socket = await SimSocket.ConnectAsync(sim.Server.WebSocketUri);

        await socket.SendAsync("not json");
        await socket.SendAsync("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"nope\"}}");
        await socket.SendAsync("{\"method\":\"post\",\"id\":5,\"request\":{\"type\":\"action\",\"payload\":{\"action\":{}}}}");
        await socket.SendAsync("{\"method\":\"ping\"}");

        await socket.WaitFor("pong", _ => true, "pong after the bad messages");
        Assert.That(socket.Messages.First(), Is.EqualTo("Websocket connection established."));
        var errors = socket.On("error").Select(e => e.GetProperty("data").GetString()).ToList();
        Assert.That(errors, Has.Some.StartsWith("Error parsing JSON").And.Some.StartsWith("Invalid subscription"));
        var post = socket.On("post").Single().GetProperty("data");
        Assert.That((post.GetProperty("id").GetInt64(), post.GetProperty("response").GetProperty("type").GetString()), Is.EqualTo((5L, "error")));
    }

    private static string? Status(JsonElement response) => response.GetProperty("status").GetString();

    private static string? Text(JsonElement response) => response.GetProperty("response").GetString();
}
