using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;

namespace HlScalper.Cli.Options;

/// <summary>The options <c>feed</c> and <c>record</c> share: where to connect, which coin and channels, for how long.</summary>
internal sealed class MarketFeedOptions
{
    public const string MainnetUrl = "wss://api.hyperliquid.xyz/ws";
    public const string TestnetUrl = "wss://api.hyperliquid-testnet.xyz/ws";

    private static readonly string[] Known = ["l2Book", "trades", "bbo"];

    public readonly Option<string?> Url = Opt.OptionalText("--url", $"any server that speaks the protocol, ws:// or wss:// (default {MainnetUrl})");

    public readonly Option<bool> Testnet = Opt.Flag("--testnet", $"use {TestnetUrl}");

    public readonly Option<string> Coin = Opt.Text("--coin", "the market, as the exchange spells it", "BTC");

    public readonly Option<string> Channels = Opt.Text("--channels", "comma-separated: l2Book, trades, bbo", "l2Book,trades,bbo");

    public readonly Option<int> Seconds = Opt.Number("--seconds", "stop after N seconds; 0: run until Ctrl-C", 0).Check(s => s >= 0, "--seconds must not be negative");

    public MarketFeedOptions()
    {
        Url.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string?>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss")) r.AddError($"--url '{text}' is not a ws:// or wss:// address");
        });
        Channels.Validators.Add(r =>
        {
            var list = Split(r.GetValueOrDefault<string>() ?? "");
            if (list.Length == 0) r.AddError("--channels needs at least one channel");
            foreach (var c in list.Where(c => !Known.Contains(c))) r.AddError($"--channels: unknown channel '{c}' (use {string.Join(", ", Known)})");
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, Testnet, Coin, Channels, Seconds }) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Testnet) && r.GetValue(Url) is not null) r.AddError("--testnet names its own address; drop --url or --testnet");
        });
    }

    public FeedTarget Read(VerbRun run) => new(
        new Uri(run.Get(Url) ?? (run.Get(Testnet) ? TestnetUrl : MainnetUrl)), run.Get(Coin), Split(run.Get(Channels)), run.Get(Seconds));

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A feed to connect to: address, coin, channels and how long.</summary>
internal sealed record FeedTarget(Uri Url, string Coin, IReadOnlyList<string> Channels, int Seconds)
{
    public IEnumerable<HlSubscription> Subscriptions() => Channels.Select(c => new HlSubscription(c, Coin));

    /// <summary>A token that fires on Ctrl-C or after --seconds.</summary>
    public CancellationTokenSource Deadline(CancellationToken cancel)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (Seconds > 0) source.CancelAfter(TimeSpan.FromSeconds(Seconds));
        return source;
    }
}
