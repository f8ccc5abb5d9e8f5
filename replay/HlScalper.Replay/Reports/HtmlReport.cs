using System.Net;
using System.Text;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Reports;

/// <summary>Writes <c>report.html</c>: the run's description, the summary table, the equity chart and how Sharpe was computed.</summary>
public static class HtmlReport
{
    /// <param name="run">Lines describing the run (data, parameters, events/s, run time): shown, not part of the summary.</param>
    public static void Write(string path, BacktestSummary summary, IEnumerable<string> run, string equityPng)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>HlScalper back-test</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td{padding:2px 12px;border-bottom:1px solid #ddd}td.v{text-align:right;font-family:monospace}</style>\n")
            .Append("</head><body>\n<h1>HlScalper back-test</h1>\n<ul>\n");
        foreach (var line in run) html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>\n");
        html.Append("</ul>\n<h2>Summary</h2>\n<table>\n");
        foreach (var (name, value) in summary.Rows())
            html.Append("<tr><td>").Append(name).Append("</td><td class=\"v\">").Append(value).Append("</td></tr>\n");
        html.Append("</table>\n<h2>Equity</h2>\n<img src=\"").Append(WebUtility.HtmlEncode(equityPng)).Append("\" alt=\"equity curve\">\n<p>")
            .Append(WebUtility.HtmlEncode(BacktestSummary.SharpeMethod)).Append("</p>\n</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }
}
