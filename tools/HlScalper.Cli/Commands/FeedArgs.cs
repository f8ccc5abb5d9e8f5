using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;

namespace HlScalper.Cli.Commands;

/// <summary>The options <c>feed</c> and <c>record</c> share: where to connect, which coin and channels, for how long.</summary>
internal sealed record FeedArgs(Uri Url, string Coin, IReadOnlyList<string> Channels, int Seconds)
{
    public const string MainnetUrl = "wss://api.hyperliquid.xyz/ws";
    public const string TestnetUrl = "wss://api.hyperliquid-testnet.xyz/ws";

    private static readonly string[] Known = ["l2Book", "trades", "bbo"];

    public const string Help = $"""
          --url URL          any server that speaks the protocol (default {MainnetUrl})
          --testnet          use {TestnetUrl}
          --coin C           the market (default BTC)
          --channels LIST    comma-separated: l2Book, trades, bbo (default l2Book,trades,bbo)
          --seconds N        stop after N seconds (default: run until Ctrl-C)
        """;

    public static FeedArgs Read(CommandArgs args)
    {
        var testnet = args.Flag("testnet");
        var url = args.String("url") ?? (testnet ? TestnetUrl : MainnetUrl);
        var coin = args.String("coin", "BTC");
        var channels = args.String("channels", "l2Book,trades,bbo").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seconds = args.Int("seconds", 0);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
            throw new UsageException($"--url '{url}' is not a ws:// or wss:// address");
        foreach (var c in channels)
            if (!Known.Contains(c)) throw new UsageException($"--channels: unknown channel '{c}' (use {string.Join(", ", Known)})");
        if (channels.Length == 0) throw new UsageException("--channels needs at least one channel");
        if (seconds < 0) throw new UsageException("--seconds must be positive");
        return new FeedArgs(uri, coin, channels, seconds);
    }

    public IEnumerable<HlSubscription> Subscriptions() => Channels.Select(c => new HlSubscription(c, Coin));

    /// <summary>A token that fires on Ctrl-C or after --seconds.</summary>
    public CancellationTokenSource Deadline(CancellationToken cancel)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (Seconds > 0) source.CancelAfter(TimeSpan.FromSeconds(Seconds));
        return source;
    }
}
