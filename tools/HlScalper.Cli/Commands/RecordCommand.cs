using HlScalper.Engine.Events;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper record</c>: writes the raw stream in the Hyperliquid archive's line format, so replay reads it like an archive file.</summary>
public sealed class RecordCommand : ICommand
{
    public string Name => "record";

    public string Summary => "record a live stream to an LZ4 file in the archive's own line format";

    public string Help => $"""
        hlscalper record --out FILE.lz4 [--url URL | --testnet] [--coin BTC] [--channels l2Book,trades,bbo] [--seconds N]

        Connects like 'feed' and writes every market-data message (l2Book, trades, bbo) verbatim as
        an LZ4 frame of lines {"{"}"time":"<UTC receive time, 9 decimals>","ver_num":1,"raw":<message>{"}"},
        the format of Hyperliquid's S3 archive (see ../shared/data/hyperliquid/README.md). Greeting,
        acks and pongs are not recorded. Stops on Ctrl-C or after --seconds and closes the frame cleanly.

        Options:
          --out FILE         the .lz4 file to write (required; overwritten)
        {FeedArgs.Help}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var output = args.String("out") ?? throw new UsageException("--out FILE.lz4 is required");
        var feedArgs = FeedArgs.Read(args);
        args.RejectUnknown();

        var coins = new CoinTable(feedArgs.Coin);
        using (var writer = new HlArchiveWriter(output))
        {
            var feed = new FeedSupervisor<DiscardingSink>(new FeedOptions(feedArgs.Url), new HlCodec(coins, Console.Error.WriteLine), new DiscardingSink(new DiscardSlot()), Console.Error.WriteLine)
            {
                OnMessageParsed = (kind, message, _) =>
                {
                    if (kind is HlMessageKind.L2Book or HlMessageKind.Trades or HlMessageKind.Bbo) writer.Write(DateTime.UtcNow, message);
                },
            };
            foreach (var s in feedArgs.Subscriptions()) feed.Subscribe(s);
            using var deadline = feedArgs.Deadline(cancel);
            await feed.RunAsync(deadline.Token);
            Console.WriteLine($"record: {writer.Lines:N0} messages written to {output}");
            Console.WriteLine($"feed: {feed.Counters}");
            Console.WriteLine($"codec: {feed.CodecCounters}");
        }
        return cancel.IsCancellationRequested ? 130 : 0;
    }

    /// <summary>The one slot a discarding sink reuses.</summary>
    internal sealed class DiscardSlot
    {
        internal MarketEvent Slot;
    }

    /// <summary>Parsed events are not needed when recording: the codec still validates and counts every message.</summary>
    internal readonly struct DiscardingSink(DiscardSlot slot) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref slot.Slot;

        public void Publish() { }
    }
}
