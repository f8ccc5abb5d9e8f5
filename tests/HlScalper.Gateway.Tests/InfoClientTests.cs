using System.Net;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;

namespace HlScalper.Gateway.Tests;

/// <summary>The /info client against a real Kestrel server answering with the spec's captured responses, and failing on purpose.</summary>
[CancelAfter(30_000)]
public class InfoClientTests
{
    private static readonly HttpClient Http = new();

    private static HlInfoClient Client(TestInfoServer server) => new(Http, server.BaseUri)
    {
        RetryDelayMin = TimeSpan.FromMilliseconds(5),
        RetryDelayMax = TimeSpan.FromMilliseconds(20),
        MaxAttempts = 3,
    };

    private static Task<TestInfoServer> Serving(string body) => TestInfoServer.StartAsync((_, _) => (200, body));

    [Test]
    public async Task Meta_and_asset_contexts_pair_up_and_nulls_are_allowed()
    {
        await using var server = await Serving("""
            [{"universe":[{"szDecimals":5,"name":"BTC","maxLeverage":40,"marginTableId":56},{"szDecimals":1,"name":"MATIC","maxLeverage":20,"marginTableId":20,"isDelisted":true}],"marginTables":[],"collateralToken":0},
             [{"dayNtlVlm":"1169046.29406","funding":"0.0000125","impactPxs":["14.3047","14.3444"],"markPx":"14.3161","midPx":"14.314","openInterest":"688.11","oraclePx":"14.32","premium":"0.00031774","prevDayPx":"15.322"},
              {"dayNtlVlm":"0.0","funding":"0.0","impactPxs":null,"markPx":"0.5","midPx":null,"openInterest":"0.0","oraclePx":"0.5","premium":null,"prevDayPx":"0.5","dayBaseVlm":"0.0"}]]
            """);
        var (meta, contexts) = await Client(server).MetaAndAssetCtxsAsync();
        Assert.That(server.Requests.Single(), Is.EqualTo("""{"type":"metaAndAssetCtxs"}"""));
        Assert.That(meta.Universe.Select(a => (a.Name, a.SzDecimals, a.MaxLeverage, a.IsDelisted)), Is.EqualTo(new[] { ("BTC", 5, 40, (bool?)null), ("MATIC", 1, 20, true) }));
        Assert.That(contexts[0].Funding, Is.EqualTo("0.0000125"));
        Assert.That(contexts[1].MidPx, Is.Null);
        Assert.That(contexts[1].ImpactPxs, Is.Null);
    }

    [Test]
    public async Task Candle_snapshot_sends_the_nested_req_and_reads_every_field()
    {
        await using var server = await Serving("""[{"t":1681923600000,"T":1681924499999,"s":"BTC","i":"15m","o":"29295.0","c":"29258.0","h":"29309.0","l":"29250.0","v":"0.98639","n":189}]""");
        var candles = await Client(server).CandleSnapshotAsync("BTC", "15m", 1681923600000, 1681924499999);
        Assert.That(server.Requests.Single(), Is.EqualTo("""{"type":"candleSnapshot","req":{"coin":"BTC","interval":"15m","startTime":1681923600000,"endTime":1681924499999}}"""));
        Assert.That(candles.Single(), Is.EqualTo(new Candle(1681923600000, 1681924499999, "BTC", "15m", "29295.0", "29309.0", "29250.0", "29258.0", "0.98639", 189)));
    }

    [Test]
    public async Task Account_queries_carry_the_user_and_parse_the_spec_captures()
    {
        await using var server = await TestInfoServer.StartAsync((body, _) => body switch
        {
            _ when body.Contains("clearinghouseState") => (200, """{"assetPositions":[{"type":"oneWay","position":{"coin":"ETH","szi":"-0.0335","leverage":{"type":"isolated","value":20,"rawUsd":"-95.059824"},"entryPx":"2986.3","positionValue":"100.02765","unrealizedPnl":"-0.0134","returnOnEquity":"-0.0026789","liquidationPx":null,"marginUsed":"4.967826","maxLeverage":50,"cumFunding":{"allTime":"514.085417","sinceOpen":"0.0","sinceChange":"0.0"}}}],"crossMaintenanceMarginUsed":"0.0","crossMarginSummary":{"accountValue":"13104.514502","totalMarginUsed":"0.0","totalNtlPos":"0.0","totalRawUsd":"13104.514502"},"marginSummary":{"accountValue":"13109.482328","totalMarginUsed":"4.967826","totalNtlPos":"100.02765","totalRawUsd":"13009.454678"},"time":1708622398623,"withdrawable":"13104.514502"}"""),
            _ when body.Contains("openOrders") => (200, """[{"coin":"SOL","limitPx":"19.704","oid":62269956,"side":"A","sz":"8.45","timestamp":1679940215811}]"""),
            _ when body.Contains("userFills") => (200, """[{"coin":"BTC","px":"78751.0","sz":"0.00535","side":"B","time":1789407361368,"startPosition":"4.22618","dir":"Open Long","closedPnl":"0.0","hash":"0x42","oid":544900123760,"crossed":false,"fee":"-0.012639","tid":1109765720343214,"cloid":"0x5bdd47600dea461f36c8378cd7b4150c","feeToken":"USDC","twapId":null}]"""),
            _ => (200, """[{"coin":"ETH","fundingRate":"-0.00022196","premium":"-0.00052196","time":1683849600076}]"""),
        });
        var client = Client(server);
        const string user = "0x8f09e17ef40239d74759bec5ed9cfe12c2529cc5";
        var state = await client.ClearinghouseStateAsync(user);
        var orders = await client.OpenOrdersAsync(user);
        var fills = await client.UserFillsAsync(user);
        var funding = await client.FundingHistoryAsync("ETH", 1683849600000);
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Does.Contain($$"""{"type":"clearinghouseState","user":"{{user}}"}"""));
            Assert.That(server.Requests, Does.Contain("""{"type":"fundingHistory","coin":"ETH","startTime":1683849600000}"""));
            Assert.That(state.AssetPositions.Single().Position.Szi, Is.EqualTo("-0.0335"));
            Assert.That(state.AssetPositions.Single().Position.LiquidationPx, Is.Null);
            Assert.That(state.AssetPositions.Single().Position.Leverage, Is.EqualTo(new Leverage("isolated", 20)));
            Assert.That(state.MarginSummary.AccountValue, Is.EqualTo("13109.482328"));
            Assert.That(orders.Single().Oid, Is.EqualTo(62269956));
            Assert.That(fills.Single().Tid, Is.EqualTo(1109765720343214));
            Assert.That(fills.Single().Cloid, Is.EqualTo("0x5bdd47600dea461f36c8378cd7b4150c"));
            Assert.That(funding.Single().Rate, Is.EqualTo("-0.00022196"));
        });
    }

    [Test]
    public async Task Book_and_mids_and_an_unknown_coin_as_null()
    {
        await using var server = await TestInfoServer.StartAsync((body, _) => body switch
        {
            _ when body.Contains("DOGEFAKE") => (200, "null"),
            _ when body.Contains("l2Book") => (200, """{"coin":"DYDX","levels":[[{"n":1,"px":"2.111","sz":"134.4"}],[{"n":2,"px":"2.1124","sz":"352.3"}]],"time":1689630203930}"""),
            _ => (200, """{"BTC":"30135.0","ETH":"1903.95","kPEPE":"0.001565"}"""),
        });
        var client = Client(server);
        var book = await client.L2BookAsync("DYDX");
        Assert.That(book!.Levels[1][0], Is.EqualTo(new InfoLevel("2.1124", "352.3", 2)));
        Assert.That(await client.L2BookAsync("DOGEFAKE"), Is.Null);
        Assert.That((await client.AllMidsAsync())["kPEPE"], Is.EqualTo("0.001565"));
    }

    [TestCase(429)]
    [TestCase(502)]
    public async Task Rate_limits_and_server_errors_are_retried(int status)
    {
        await using var server = await TestInfoServer.StartAsync((_, attempt) => attempt <= 2 ? (status, "busy") : (200, """{"universe":[]}"""));
        var client = Client(server);
        var meta = await client.MetaAsync();
        Assert.That(meta.Universe, Is.Empty);
        Assert.That(client.Retries, Is.EqualTo(2));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Persistent_server_errors_give_up_with_the_last_status_and_body()
    {
        await using var server = await TestInfoServer.StartAsync((_, _) => (503, "maintenance window"));
        var e = Assert.ThrowsAsync<HlInfoException>(() => Client(server).MetaAsync());
        Assert.That(e!.Message, Does.Contain("giving up after 3 attempts").And.Contain("503").And.Contain("maintenance window"));
        Assert.That(e.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task Client_errors_are_not_retried()
    {
        await using var server = await TestInfoServer.StartAsync((_, _) => (422, "Failed to deserialize the JSON body into the target type"));
        var e = Assert.ThrowsAsync<HlInfoException>(() => Client(server).MetaAsync());
        Assert.That(e!.Message, Does.Contain("422").And.Contain("Failed to deserialize"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_body_of_the_wrong_shape_is_a_clear_error()
    {
        await using var server = await Serving("""{"not":"a list"}""");
        var e = Assert.ThrowsAsync<HlInfoException>(() => Client(server).OpenOrdersAsync("0x1"));
        Assert.That(e!.Message, Does.StartWith("openOrders: the response does not have the expected shape"));
    }
}
