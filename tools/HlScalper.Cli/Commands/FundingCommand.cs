using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper funding</c>: downloads a coin's hourly funding history (<c>fundingHistory</c>) from /info into Parquet, for back-tests' <c>--funding</c>.</summary>
public sealed class FundingCommand : Verb
{
    /// <summary>The most rows /info answers per <c>fundingHistory</c> call; a full page means there may be more.</summary>
    private const int PageRows = 500;

    private readonly Option<string> _out = new("--out", "-o") { Description = "the .parquet file to write", Required = true };
    private readonly Option<string> _coin = Opt.Text("--coin", "the market, as the exchange spells it", "BTC");
    private readonly Option<string?> _start = Opt.OptionalText("--start", "Unix ms or ISO-8601 UTC (default: --end minus 7 days)");
    private readonly Option<string?> _end = Opt.OptionalText("--end", "Unix ms or ISO-8601 UTC (default: now)");
    private readonly Option<string?> _url = Opt.OptionalText("--url", $"REST base (default {HlInfoClient.Mainnet})");
    private readonly Option<bool> _testnet = Opt.Flag("--testnet", $"use {HlInfoClient.Testnet}");

    public FundingCommand() : base("funding", "download a coin's hourly funding rates (fundingHistory) to Parquet, for --funding",
        "Download funding history: POST /info fundingHistory page by page (500 rows each, retrying 429 and 5xx), one Parquet row per hourly " +
        "funding: time_ms (long), coin, funding_rate, premium (the exact wire decimals, as strings). 'backtest --funding FILE' and " +
        "'sweep --funding FILE' accrue it hourly on open positions.")
    {
        foreach (var option in new Option[] { _out, _coin, _start, _end, _url, _testnet }) Options.Add(option);
        foreach (var time in new[] { _start, _end })
            time.Validators.Add(r =>
            {
                if (UtcTime.ParseMs(r.GetValueOrDefault<string?>()) is null) r.AddError($"{time.Name} '{r.GetValueOrDefault<string?>()}' is neither Unix ms nor an ISO-8601 time");
            });
    }

    public override int Order => 75;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var output = run.Get(_out);
        var coin = run.Get(_coin);
        var end = UtcTime.ParseMs(run.Get(_end)) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = UtcTime.ParseMs(run.Get(_start)) ?? end - (long)TimeSpan.FromDays(7).TotalMilliseconds;
        var url = run.Get(_url) ?? (run.Get(_testnet) ? HlInfoClient.Testnet : HlInfoClient.Mainnet).ToString();
        if (start >= end) throw new UsageException("--start must be before --end");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new UsageException($"--url '{url}' is not an http(s) address");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new HlInfoClient(http, baseUri);
        var rows = new List<FundingTable.Row>();
        try
        {
            for (var from = start; from < end;)
            {
                cancel.ThrowIfCancellationRequested();
                var page = await client.FundingHistoryAsync(coin, from, end, cancel);
                var last = from - 1;
                foreach (var r in page)
                {
                    // A page may repeat the row at its start time or run past the end; keep each hour once, in range.
                    if (r.Time < from || r.Time > end) continue;
                    rows.Add(new FundingTable.Row(r.Time, r.Coin, r.Rate, r.Premium));
                    last = Math.Max(last, r.Time);
                }
                run.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"funding: {rows.Count:N0} rows of {coin} up to {UtcTime.Format(Math.Max(last, from))}"));
                if (page.Count < PageRows || last < from) break;
                from = last + 1;
            }
        }
        catch (HlInfoException e)
        {
            run.Err.WriteLine($"hlscalper funding: {e.Message} ({rows.Count:N0} rows fetched before it; nothing written)");
            return 1;
        }

        await FundingTable.WriteAsync(output, rows, cancel);
        var span = rows.Count > 0 ? $" ({UtcTime.Format(rows[0].TimeMs)} → {UtcTime.Format(rows[^1].TimeMs)})" : "";
        run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"funding: {rows.Count:N0} hourly rates of {coin} written to {output}{span}"));
        return 0;
    }
}
