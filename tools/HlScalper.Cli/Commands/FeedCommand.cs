using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper feed</c>: connects to a Hyperliquid WebSocket and prints one line per top-of-book update or trade.</summary>
public sealed class FeedCommand : Verb
{
    private readonly MarketFeedOptions _feed = new();

    public FeedCommand() : base("feed", "stream a market live: one top-of-book line per update",
        "Stream a market live: connect (reconnecting with backoff when kicked), subscribe, and print one line per update: " +
        "'book|bbo <exchange time> <coin> <bid size> @ <bid> | <ask> x <ask size> spread <bps>' and 'trade <exchange time> <coin> <B|A> <size> @ <price>', " +
        "'#' lines for feed signals (reset after a reconnect, stale after 3 s of silence), and the feed and codec counters on exit (Ctrl-C or --seconds). Exits 1 when no market data arrived (an unreachable or stuck server).") =>
        _feed.AddTo(this);

    public override int Order => 50;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var target = _feed.Read(run);
        var coins = new CoinTable(target.Coin);
        var printer = new EventPrinter(coins, run.Out);
        // A display of any server's stream, replays included: times are held to 2020–2100, not to this machine's clock.
        var feed = new FeedSupervisor<PrintingSink>(new HlScalper.Gateway.Feed.FeedOptions(target.Url) { Clock = null }, new HlCodec(coins, run.Err.WriteLine), new PrintingSink(printer), run.Err.WriteLine);
        foreach (var s in target.Subscriptions()) feed.Subscribe(s);
        using var deadline = target.Deadline(cancel);
        await feed.RunAsync(deadline.Token);

        run.Out.WriteLine($"feed: {feed.Counters}");
        run.Out.WriteLine($"codec: {feed.CodecCounters}");
        if (cancel.IsCancellationRequested) return 130;
        if (printer.MarketEvents > 0) return 0;
        // Like record: a run that streamed nothing failed (an unreachable or stuck server, a coin with no market), whatever the reason.
        run.Err.WriteLine($"hlscalper feed: no market data from {target.Url} ({feed.Counters.Connects} connections, {feed.Counters.ConnectFailures} failed; see the lines above)");
        return 1;
    }

    /// <summary>Formats events as the lines the help describes.</summary>
    internal sealed class EventPrinter(CoinTable coins, TextWriter output)
    {
        internal MarketEvent Slot;

        /// <summary>Books, best bids and offers and trades printed (feed signals not counted).</summary>
        public long MarketEvents { get; private set; }

        public void Print()
        {
            ref readonly var e = ref Slot;
            if (e.Kind is EventKind.Book or EventKind.Bbo or EventKind.Trade) MarketEvents++;
            var time = UtcTime.FormatTimeOfDay(e.ExchangeTimeMs);
            switch (e.Kind)
            {
                case EventKind.Book or EventKind.Bbo:
                    var bid = e.BidCount > 0 ? $"{e.Bids[0].Sz} @ {e.Bids[0].Px}" : "-";
                    var ask = e.AskCount > 0 ? $"{e.Asks[0].Px} x {e.Asks[0].Sz}" : "-";
                    var spread = e.BidCount > 0 && e.AskCount > 0
                        ? $"  spread {(e.Asks[0].Px.Raw - e.Bids[0].Px.Raw) * 20_000.0 / (e.Asks[0].Px.Raw + e.Bids[0].Px.Raw):0.00} bps"
                        : "";
                    output.WriteLine($"{(e.Kind == EventKind.Book ? "book " : "bbo  ")} {time}  {coins.NameOf(e.Coin)}  {bid}  |  {ask}{spread}");
                    break;
                case EventKind.Trade:
                    output.WriteLine($"trade  {time}  {coins.NameOf(e.Coin)}  {(e.Side == Side.Buy ? "B" : "A")} {Fixed8.ToString(e.Sz.Raw)} @ {Fixed8.ToString(e.Px.Raw)}");
                    break;
                case EventKind.Control:
                    output.WriteLine($"# {e.Control} {coins.NameOf(e.Coin)}");
                    break;
            }
        }
    }

    /// <summary>A sink that prints each event as it is published.</summary>
    internal readonly struct PrintingSink(EventPrinter printer) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref printer.Slot;

        public void Publish() => printer.Print();
    }
}
