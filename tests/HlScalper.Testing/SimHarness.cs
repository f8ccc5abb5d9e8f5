using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.LocalExchange;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Testing;

/// <summary>A local exchange started in process on a free port, with an HTTP client for <c>/info</c>, <c>/exchange</c> and the admin endpoints.</summary>
public sealed class SimHarness : IAsyncDisposable
{
    private SimHarness(LocalExchangeServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LocalExchangeServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>Ten minutes of the built-in market.</summary>
    public static EventTape Synthetic(int minutes = 10) => SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = minutes * 60_000L });

    public static async Task<SimHarness> StartAsync(LocalExchangeOptions? options = null, EventTape? tape = null)
    {
        options ??= new LocalExchangeOptions();
        return new SimHarness(await LocalExchangeServer.StartAsync(tape ?? Synthetic(), options with { Port = 0 }));
    }

    /// <summary>POSTs JSON; returns status and body.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> InfoAsync(string json)
    {
        var (status, body) = await PostAsync("/info", json);
        Assert.That(status, Is.EqualTo(200), body);
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> StateAsync() => JsonDocument.Parse(await Http.GetStringAsync("/sim/state")).RootElement;

    public async Task AdminAsync(string pathAndQuery)
    {
        var (status, body) = await PostAsync(pathAndQuery, "");
        Assert.That(status, Is.EqualTo(200), body);
    }

    /// <summary>A market of hand-placed events: a book at 60000/60001 at once, then whatever <paramref name="build"/> adds (times in ms after the start).</summary>
    public static EventTape Scripted(Action<ScriptedTape> build)
    {
        var tape = new ScriptedTape();
        tape.Book(0, 60_000, 1.0m, 60_001, 1.0m);
        build(tape);
        return tape.Build();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Writes hand-made BTC books and trades into a tape, starting at a fixed recording time.</summary>
public sealed class ScriptedTape
{
    private const long Start = 1_750_000_000_000;
    private readonly TapeBuilder _builder = new(new CoinTable("BTC"));

    public ScriptedTape Book(long atMs, long bid, decimal bidSize, long ask, decimal askSize)
    {
        var sink = _builder.Sink;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Book, 0, Start + atMs);
        e.Bids[0] = new BookLevel(new Px(bid * Fixed8.Scale), new Sz(Fixed8.FromDecimal(bidSize)), 1);
        e.Asks[0] = new BookLevel(new Px(ask * Fixed8.Scale), new Sz(Fixed8.FromDecimal(askSize)), 1);
        e.BidCount = 1;
        e.AskCount = 1;
        sink.Publish();
        return this;
    }

    /// <summary>A trade; <paramref name="aggressor"/> Sell hits the bid.</summary>
    public ScriptedTape Trade(long atMs, Side aggressor, long px, decimal size, long tid)
    {
        var sink = _builder.Sink;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Trade, 0, Start + atMs);
        e.Px = new Px(px * Fixed8.Scale);
        e.Sz = new Sz(Fixed8.FromDecimal(size));
        e.Side = aggressor;
        e.Tid = tid;
        sink.Publish();
        return this;
    }

    public EventTape Build() => _builder.Build();
}
