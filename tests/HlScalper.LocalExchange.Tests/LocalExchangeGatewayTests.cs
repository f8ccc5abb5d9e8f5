using HlScalper.Engine.Events;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Gateway.WebSockets;
using HlScalper.LocalExchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;
using HlScalper.Protocol.Signing;

namespace HlScalper.LocalExchange.Tests;

/// <summary>The project's own gateway against the local exchange: the order sender's frames, the exchange client's posts, the codec on the pushes, the info client on every /info shape.</summary>
public class LocalExchangeGatewayTests
{
    private static readonly byte[] Key = Hex.Parse(SignedClient.KeyA);

    [Test]
    public async Task An_order_frame_from_the_sender_is_accepted_and_rests_and_the_clients_post_is_answered()
    {
        var address = Secp256k1Curve.AddressOf(Key);
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Accounts = new Dictionary<EthAddress, decimal> { [address] = 1_000m } });
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        await using var connection = await WebSocketConnection.ConnectAsync(new WebSocketClientOptions(sim.Server.WebSocketUri));
        var run = await OrderPathRun.Run(connection, new Uri(sim.Server.HttpUri, "/exchange"), Key, "90000");

        Assert.That(run.Leverage.Type, Is.EqualTo(ExchangeResponseType.Default));
        Assert.That(run.FullSignatures, Is.EqualTo(NativeSigner.IsAvailable ? 0 : 1), "signed from the nonce pool when libsecp256k1 is installed");
        Assert.That((run.FirstEvent.Kind, run.FirstEvent.Status, run.FirstEvent.Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Open, run.Entry.Cloid)));
        using var http = new HttpClient();
        var open = await new HlInfoClient(http, sim.Server.HttpUri).OpenOrdersAsync(address.ToString());
        Assert.That(open.Select(o => (o.Oid, o.Cloid)), Is.EqualTo(new[] { (run.FirstEvent.Oid, (string?)run.Entry.Cloid.ToString()) }));
        Assert.That(sim.Server.Venue.Counters.Rejects, Is.Zero);
    }

    [Test]
    public async Task The_info_client_reads_every_shape_the_local_exchange_answers()
    {
        await using var sim = await SimHarness.StartAsync();
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        using var http = new HttpClient();
        var info = new HlInfoClient(http, sim.Server.HttpUri);

        var meta = await info.MetaAsync();
        var (meta2, contexts) = await info.MetaAndAssetCtxsAsync();
        var mids = await info.AllMidsAsync();
        var book = await info.L2BookAsync("BTC");
        var unknownBook = await info.L2BookAsync("DOGE");
        var nobody = "0x0000000000000000000000000000000000000001";
        var state = await info.ClearinghouseStateAsync(nobody);

        Assert.That(meta.Universe.Select(a => (a.Name, a.SzDecimals, a.MaxLeverage)), Is.EqualTo(new[] { ("BTC", 5, 40) }));
        Assert.That(meta2.Universe, Has.Count.EqualTo(contexts.Count));
        var tables = await sim.InfoAsync("{\"type\":\"meta\"}");
        Assert.That(tables.GetProperty("marginTables").EnumerateArray().Select(t => t[0].GetInt32()), Does.Contain(tables.GetProperty("universe")[0].GetProperty("marginTableId").GetInt32()));
        Assert.That(decimal.Parse(contexts[0].MarkPx, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(90_000m));
        Assert.That(mids.Keys, Is.EqualTo(new[] { "BTC" }));
        Assert.That(book!.Levels, Has.Count.EqualTo(2));
        Assert.That(book.Levels[0], Is.Not.Empty);
        Assert.That(decimal.Parse(book.Levels[0][0].Px, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(decimal.Parse(book.Levels[1][0].Px, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(unknownBook, Is.Null);
        Assert.That((state.AssetPositions.Count, state.MarginSummary.AccountValue), Is.EqualTo((0, "0")), "unknown users answer empty state");
        Assert.That(await info.OpenOrdersAsync(nobody), Is.Empty);
        Assert.That(await info.UserFillsAsync(nobody), Is.Empty);
    }
}
