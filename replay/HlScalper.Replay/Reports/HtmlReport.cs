using System.Globalization;
using System.Net;
using System.Text;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Sweep;

namespace HlScalper.Replay.Reports;

/// <summary>Writes <c>report.html</c>, a report a trader can audit: run and parameters, summary with a legend, equity and drawdown, PnL by exit reason, every trade.</summary>
public static class HtmlReport
{
    public static void Write(string path, ReportContent c)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(c.Title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left}")
            .Append("td.v{text-align:right;font-family:monospace}.changed{font-weight:bold}.note{background:#fff4d6;padding:.5em}</style>\n</head><body>\n")
            .Append("<h1>").Append(E(c.Title)).Append("</h1>\n<ul>\n");
        foreach (var line in c.Run) html.Append("<li>").Append(E(line)).Append("</li>\n");
        html.Append("</ul>\n");
        foreach (var note in c.Notes) html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");

        html.Append("<h2>Parameters</h2>\n<table id=\"parameters\">\n<tr><th>key</th><th>value</th></tr>\n");
        foreach (var (key, value, changed) in c.Parameters)
            html.Append("<tr").Append(changed ? " class=\"changed\"" : "").Append("><td>").Append(E(key)).Append("</td><td class=\"v\">").Append(E(value)).Append("</td></tr>\n");
        html.Append("</table>\n<p>Bold: changed from the default.</p>\n");

        html.Append("<h2>Summary</h2>\n");
        Legend(html, "summary", c.Summary.Rows());
        if (c.Comparison.Count > 0)
        {
            html.Append("<h2>Fill models compared</h2>\n<table id=\"comparison\">\n<tr><th></th><th>this run</th>");
            foreach (var (label, _) in c.Comparison) html.Append("<th>").Append(E(label)).Append("</th>");
            html.Append("</tr>\n");
            var others = c.Comparison.Select(o => o.Summary.Rows()).ToList();
            var rows = c.Summary.Rows();
            for (var i = 0; i < rows.Count; i++)
            {
                html.Append("<tr><td>").Append(rows[i].Name).Append("</td><td class=\"v\">").Append(E(rows[i].Value)).Append("</td>");
                foreach (var other in others) html.Append("<td class=\"v\">").Append(E(other[i].Value)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        if (c.BreakEven is { } breakEven) BreakEvenSection(html, breakEven);
        html.Append("<h2>Strategy counters</h2>\n");
        Legend(html, "strategy", c.Strategy);

        html.Append("<h2>Equity and drawdown</h2>\n<img src=\"").Append(E(c.EquityPng)).Append("\" alt=\"equity curve\"><br>\n<img src=\"")
            .Append(E(c.DrawdownPng)).Append("\" alt=\"drawdown curve\">\n<p>").Append(E(BacktestSummary.SharpeMethod)).Append("</p>\n");

        html.Append("<h2>PnL by exit reason</h2>\n<table id=\"exit-reasons\">\n<tr><th>exit reason</th><th>trades</th><th>net PnL, USDC</th><th>mean net PnL, USDC</th></tr>\n");
        foreach (var group in c.TradeRecords.GroupBy(ResultFiles.ExitReason).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var net = group.Sum(t => Engine.Numbers.Fixed8.ToDouble(t.NetPnlRaw));
            html.Append("<tr><td>").Append(E(group.Key)).Append("</td><td class=\"v\">").Append(group.Count()).Append("</td><td class=\"v\">")
                .Append(Money(net)).Append("</td><td class=\"v\">").Append(Money(net / group.Count())).Append("</td></tr>\n");
        }
        html.Append("</table>\n");

        html.Append("<h2>Trades</h2>\n<p>").Append(c.Trades.RowCount).Append(" round trips, the rows of trades.parquet and trades.csv. Liquidity: maker = rested first, taker = crossed; ")
            .Append("queue_wait_ms: how long the entry rested before its first fill.</p>\n<table id=\"trades\">\n<thead><tr>");
        foreach (var name in c.Trades.ColumnNames) html.Append("<th>").Append(E(name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var r = 0; r < c.Trades.RowCount; r++)
        {
            html.Append("<tr class=\"trade\">");
            foreach (var cell in c.Trades.Cells(r)) html.Append("<td>").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    private static void BreakEvenSection(StringBuilder html, BreakEven b)
    {
        html.Append("<h2>Break-even by fee tier</h2>\n<p>Net PnL, USDC, of this run's fills and of the same back-test at each take-profit (tp_ticks), repriced at each of ")
            .Append("Hyperliquid's perps fee tiers (volume tiers 0–6 by 14-day weighted volume; mm1–mm3: maker rebates by share of the exchange's maker volume, shown on tier 6). ")
            .Append("Fills are as simulated at this run's fees; the Kelly sizer learns from net PnL, so pin prior_n to read this as the strategy's edge. ")
            .Append("Source: hyperliquid.gitbook.io/hyperliquid-docs/trading/fees, checked 2026-12-01.</p>\n<table id=\"break-even\">\n<tr>");
        var (header, rows) = b.Table();
        foreach (var h in header) html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr><td>").Append(E(row[0])).Append("</td>");
            foreach (var cell in row.Skip(1)) html.Append("<td class=\"v\">").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Legend(StringBuilder html, string id, IEnumerable<(string Name, string Value, string Meaning)> rows)
    {
        html.Append("<table id=\"").Append(id).Append("\">\n<tr><th>counter</th><th>value</th><th>meaning</th></tr>\n");
        foreach (var (name, value, meaning) in rows)
            html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"v\">").Append(E(value)).Append("</td><td>").Append(E(meaning)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static string Money(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
