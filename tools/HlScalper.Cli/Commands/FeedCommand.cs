using System.Globalization;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper feed</c>: connects to a Hyperliquid WebSocket and prints one line per top-of-book update or trade.</summary>
public sealed class FeedCommand : ICommand
{
    public string Name => "feed";

    public string Summary => "stream a market live: one top-of-book line per update, counters on exit";

    public string Help => $"""
        hlscalper feed [--url URL | --testnet] [--coin BTC] [--channels l2Book,trades,bbo] [--seconds N]

        Connects (reconnecting with backoff when kicked), subscribes, and prints one line per update:
          book|bbo  <exchange time>  <bid size> @ <bid>  |  <ask> x <ask size>  spread <bps>
          trade     <exchange time>  <B|A> <size> @ <price>
        and '#' lines for feed signals (reset after a reconnect, stale after 3 s of silence).
        On exit (Ctrl-C or --seconds) prints the feed and codec counters.

        Options:
        {FeedArgs.Help}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var feedArgs = FeedArgs.Read(args);
        args.RejectUnknown();

        var coins = new CoinTable(feedArgs.Coin);
        var printer = new EventPrinter(coins, Console.Out);
        var feed = new FeedSupervisor<PrintingSink>(new FeedOptions(feedArgs.Url), new HlCodec(coins, Console.Error.WriteLine), new PrintingSink(printer), Console.Error.WriteLine);
        foreach (var s in feedArgs.Subscriptions()) feed.Subscribe(s);
        using var deadline = feedArgs.Deadline(cancel);
        await feed.RunAsync(deadline.Token);

        Console.WriteLine($"feed: {feed.Counters}");
        Console.WriteLine($"codec: {feed.CodecCounters}");
        return cancel.IsCancellationRequested ? 130 : 0;
    }

    /// <summary>Formats events as the lines the help describes.</summary>
    internal sealed class EventPrinter(CoinTable coins, TextWriter output)
    {
        internal MarketEvent Slot;

        public void Print()
        {
            ref readonly var e = ref Slot;
            var time = DateTimeOffset.FromUnixTimeMilliseconds(e.ExchangeTimeMs).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
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
