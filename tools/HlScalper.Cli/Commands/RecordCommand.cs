using System.CommandLine;
using HlScalper.Cli.Options;
using HlScalper.Engine.Events;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper record</c>: writes the raw stream in the Hyperliquid archive's line format, so replay reads it like an archive file; nothing on disk is lost.</summary>
public sealed class RecordCommand : Verb
{
    private readonly Option<string> _out = new("--out", "-o") { Description = "the .lz4 file to write", Required = true };
    private readonly Option<bool> _force = Opt.Flag("--force", "replace an existing --out file (once the first message has arrived)");
    private readonly Option<double> _flush = Opt.Number("--flush-s", "close the pending lines into a complete LZ4 block every this many seconds: a killed recording loses at most that much", 1.0)
        .Check(s => s is >= 0.05 and <= 3600, "--flush-s must be from 0.05 to 3600");
    private readonly MarketFeedOptions _feed = new();

    public RecordCommand() : base("record", "record a live stream to LZ4 in the exchange archive's own line format",
        "Record a live stream: connect like 'feed' and write every market-data message (l2Book, trades, bbo) verbatim as an LZ4 frame of lines " +
        "{\"time\":\"<UTC receive time, 9 decimals>\",\"ver_num\":1,\"raw\":<message>}, the format of Hyperliquid's S3 archive, which backtest, sim " +
        "and inspect read. The file is written under a temporary name and appears under --out with the first message: an existing file is never " +
        "truncated (--force replaces it once data arrives). Exits 1 when nothing was recorded. Stops on Ctrl-C or after --seconds and closes the frame.")
    {
        foreach (var option in new Option[] { _out, _force, _flush }) Options.Add(option);
        _feed.AddTo(this);
    }

    public override int Order => 60;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var output = run.Get(_out);
        var target = _feed.Read(run);
        if (Directory.Exists(output)) throw new UsageException($"--out {output} is a directory");
        if (File.Exists(output) && !run.Get(_force)) throw new UsageException($"--out {output} exists; it is not overwritten (use --force to replace it once data arrives)");

        var coins = new CoinTable(target.Coin);
        long lines;
        using (var writer = new HlArchiveWriter(output, run.Get(_force), TimeSpan.FromSeconds(run.Get(_flush))))
        {
            // Records any server's stream, replays included: times are held to 2020–2100, not to this machine's clock.
            var feed = new FeedSupervisor<DiscardingSink>(new Gateway.Feed.FeedOptions(target.Url) { Clock = null }, new HlCodec(coins, run.Err.WriteLine), new DiscardingSink(new DiscardSlot()), run.Err.WriteLine)
            {
                OnMessageParsed = (kind, message, _) =>
                {
                    if (kind is HlMessageKind.L2Book or HlMessageKind.Trades or HlMessageKind.Bbo) writer.Write(DateTime.UtcNow, message);
                },
            };
            foreach (var s in target.Subscriptions()) feed.Subscribe(s);
            using var deadline = target.Deadline(cancel);
            await feed.RunAsync(deadline.Token);
            lines = writer.Lines;
            run.Out.WriteLine($"feed: {feed.Counters}");
            run.Out.WriteLine($"codec: {feed.CodecCounters}");
        }
        if (lines == 0)
        {
            run.Err.WriteLine($"hlscalper record: nothing recorded (no market data from {target.Url}); {(File.Exists(output) ? $"{output} left as it was" : $"no {output} written")}");
            return 1;
        }
        run.Out.WriteLine($"record: {lines:N0} messages written to {output}");
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
