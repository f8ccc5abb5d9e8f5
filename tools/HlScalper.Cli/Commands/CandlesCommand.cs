using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;
using HlScalper.Replay.Reports;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper candles</c>: downloads <c>candleSnapshot</c> from /info into a Parquet file.</summary>
public sealed class CandlesCommand : Verb
{
    private static readonly string[] Intervals = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M"];

    private readonly Option<string> _out = new("--out", "-o") { Description = "the .parquet file to write", Required = true };
    private readonly Option<string> _coin = Opt.Text("--coin", "the market, as the exchange spells it", "BTC");
    private readonly Option<string> _interval = Opt.Choice("--interval", "candle interval", "1m", Intervals);
    private readonly Option<string?> _start = Opt.OptionalText("--start", "Unix ms or ISO-8601 UTC (default: --end minus 24 h)");
    private readonly Option<string?> _end = Opt.OptionalText("--end", "Unix ms or ISO-8601 UTC (default: now)");
    private readonly Option<string?> _url = Opt.OptionalText("--url", $"REST base (default {HlInfoClient.Mainnet})");
    private readonly Option<bool> _testnet = Opt.Flag("--testnet", $"use {HlInfoClient.Testnet}");

    public CandlesCommand() : base("candles", "download candles (candleSnapshot) to Parquet",
        "Download candles: POST /info candleSnapshot (retrying 429 and 5xx), one Parquet row per candle: open_time_ms, close_time_ms (long), " +
        "coin, interval (string), open, high, low, close, volume (double, from the exact wire decimals), trades (long). Hyperliquid keeps only " +
        "the latest 5000 candles of each interval.")
    {
        foreach (var option in new Option[] { _out, _coin, _interval, _start, _end, _url, _testnet }) Options.Add(option);
        foreach (var time in new[] { _start, _end })
            time.Validators.Add(r =>
            {
                if (UtcTime.ParseMs(r.GetValueOrDefault<string?>()) is null) r.AddError($"{time.Name} '{r.GetValueOrDefault<string?>()}' is neither Unix ms nor an ISO-8601 time");
            });
    }

    public override int Order => 70;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var output = run.Get(_out);
        var coin = run.Get(_coin);
        var interval = run.Get(_interval);
        var end = UtcTime.ParseMs(run.Get(_end)) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = UtcTime.ParseMs(run.Get(_start)) ?? end - (long)TimeSpan.FromHours(24).TotalMilliseconds;
        var testnet = run.Get(_testnet);
        var url = run.Get(_url) ?? (testnet ? HlInfoClient.Testnet : HlInfoClient.Mainnet).ToString();
        if (start >= end) throw new UsageException("--start must be before --end");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new UsageException($"--url '{url}' is not an http(s) address");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        List<Candle> candles;
        try
        {
            candles = await new HlInfoClient(http, baseUri).CandleSnapshotAsync(coin, interval, start, end, cancel);
        }
        catch (HlInfoException e)
        {
            run.Err.WriteLine($"hlscalper candles: {e.Message}");
            return 1;
        }

        await new ParquetTable()
            .Add("open_time_ms", candles.Select(c => c.OpenTime).ToArray())
            .Add("close_time_ms", candles.Select(c => c.CloseTime).ToArray())
            .Add("coin", candles.Select(c => c.Coin).ToArray())
            .Add("interval", candles.Select(c => c.Interval).ToArray())
            .Add("open", Decimals(candles, c => c.Open))
            .Add("high", Decimals(candles, c => c.High))
            .Add("low", Decimals(candles, c => c.Low))
            .Add("close", Decimals(candles, c => c.Close))
            .Add("volume", Decimals(candles, c => c.Volume))
            .Add("trades", candles.Select(c => c.Trades).ToArray())
            .WriteAsync(output, cancel: cancel);
        run.Out.WriteLine($"candles: {candles.Count:N0} {interval} candles of {coin} written to {output}");
        return 0;
    }

    private static double[] Decimals(List<Candle> candles, Func<Candle, string> field) =>
        candles.Select(c => Fixed8.ToDouble(Fixed8.Parse(field(c)))).ToArray();
}
