using System.Globalization;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;
using HlScalper.Replay.Reports;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper candles</c>: downloads <c>candleSnapshot</c> from /info into a Parquet file.</summary>
public sealed class CandlesCommand : ICommand
{
    private static readonly string[] Intervals = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M"];

    public string Name => "candles";

    public string Summary => "download candles (candleSnapshot) to Parquet";

    public string Help => $"""
        hlscalper candles --out FILE.parquet [--coin BTC] [--interval 1m] [--start T] [--end T] [--url BASE | --testnet]

        Calls POST /info candleSnapshot (retrying 429 and 5xx) and writes one row per candle:
        open_time_ms, close_time_ms (long), coin, interval (string), open, high, low, close, volume
        (double, from the exact wire decimals), trades (long). Hyperliquid keeps only the latest 5000
        candles of each interval.

        Options:
          --out FILE         the .parquet file to write (required)
          --coin C           the market (default BTC)
          --interval I       one of {string.Join(' ', Intervals)} (default 1m)
          --start T          Unix ms or ISO-8601 UTC (default: --end minus 24 h)
          --end T            Unix ms or ISO-8601 UTC (default: now)
          --url BASE         REST base (default {HlInfoClient.Mainnet})
          --testnet          use {HlInfoClient.Testnet}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var output = args.String("out") ?? throw new UsageException("--out FILE.parquet is required");
        var coin = args.String("coin", "BTC");
        var interval = args.String("interval", "1m");
        var end = Time(args.String("end"), "end") ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = Time(args.String("start"), "start") ?? end - (long)TimeSpan.FromHours(24).TotalMilliseconds;
        var testnet = args.Flag("testnet");
        var url = args.String("url") ?? (testnet ? HlInfoClient.Testnet : HlInfoClient.Mainnet).ToString();
        args.RejectUnknown();
        if (!Intervals.Contains(interval)) throw new UsageException($"--interval '{interval}' is not one of {string.Join(' ', Intervals)}");
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
            Console.Error.WriteLine($"hlscalper candles: {e.Message}");
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
        Console.WriteLine($"candles: {candles.Count:N0} {interval} candles of {coin} written to {output}");
        return 0;
    }

    private static double[] Decimals(List<Candle> candles, Func<Candle, string> field) =>
        candles.Select(c => Fixed8.ToDouble(Fixed8.Parse(field(c)))).ToArray();

    private static long? Time(string? text, string name)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)) return ms;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time.ToUnixTimeMilliseconds();
        throw new UsageException($"--{name} '{text}' is neither Unix ms nor an ISO-8601 time");
    }
}
