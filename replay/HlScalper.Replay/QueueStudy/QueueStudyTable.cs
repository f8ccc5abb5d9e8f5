using System.Globalization;
using System.Text;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.QueueStudy;

/// <summary>The study's tables, as aligned text for the terminal or as Markdown for the README: what the data is, then per model the fills and the queue.</summary>
public static class QueueStudyTable
{
    public static string Text(QueueStudyResult result) => Render(result, markdown: false);

    public static string Markdown(QueueStudyResult result) => Render(result, markdown: true);

    private static string Render(QueueStudyResult r, bool markdown)
    {
        var text = new StringBuilder();
        foreach (var line in Summary(r)) text.Append(markdown ? "- " : "").Append(line).Append('\n');
        text.Append('\n');
        Table(text, markdown, "fills", ["orders", "real fills", "model fills", "accuracy", "both filled", "ttf abs err p50 ms", "ttf abs err p90 ms", "ttf bias ms", "filled real", "filled model"],
            r.Scores.Select(s => (Name(s), new[]
            {
                N(s.Orders), N(s.RealFills), N(s.PredictedFills), F(s.Accuracy, 3), N(s.BothFilled),
                F(s.TtfMedianAbsErrorMs, 0), F(s.TtfP90AbsErrorMs, 0), F(s.TtfBiasMs, 0), F(s.RealFilledSz, 5), F(s.PredictedFilledSz, 5),
            })));
        text.Append('\n');
        Table(text, markdown, "queue ahead (coins)", ["samples", "abs err p50", "abs err p90", "bias", "touch samples", "touch mean abs err", "touch p50", "touch p90", "touch bias", "touch best in", "cancel steps", "one-step mean abs err", "one-step bias"],
            r.Scores.Select(s => (Name(s), new[]
            {
                N(s.QueueSamples), F(s.QueueMedianAbsError, 4), F(s.QueueP90AbsError, 4), F(s.QueueBias, 4),
                N(s.TouchSamples), F(s.TouchMeanAbsError, 4), F(s.TouchMedianAbsError, 4), F(s.TouchP90AbsError, 4), F(s.TouchBias, 4), Percent(s.TouchBestShare),
                N(s.CancelSteps), F(s.CancelStepMeanAbsError, 4), F(s.CancelStepBias, 4),
            })));
        text.Append('\n');
        foreach (var line in Verdict(r)) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<string> Summary(QueueStudyResult r)
    {
        var capture = r.Capture;
        var snapshot = capture.Snapshot;
        var blocks = r.Truth.Blocks;
        var checks = r.Truth.Checks;
        var files = capture.Files;
        long Events(NodeFileKind kind) => files.Where(f => f.Kind == kind).Sum(f => f.Events);
        var bad = files.Sum(f => f.BadLines + f.BadEvents) + snapshot.BadOrders;
        if (blocks.Count > 0)
            yield return $"{snapshot.Coin}: blocks {blocks[0].Number}–{blocks[^1].Number} ({blocks.Count}), {Utc(blocks[0].TimeMs)} → {Utc(blocks[^1].TimeMs)} UTC ({r.WindowSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s)";
        yield return $"L4 snapshot at block {snapshot.Height}: {N(snapshot.Bids.Count)} bid and {N(snapshot.Asks.Count)} ask orders; "
            + $"{N(Events(NodeFileKind.RawBookDiffs))} raw book diffs, {N(Events(NodeFileKind.Fills))} fill rows ({N(r.Trades)} trades), {N(Events(NodeFileKind.OrderStatuses))} order statuses"
            + (bad > 0 ? $"; {N(bad)} bad lines, events or orders skipped" : "");
        yield return $"FIFO check: {N(checks.MakerFillsAtHead)} of {N(checks.MakerFills)} maker fills were at the head of their queue; "
            + $"{N(checks.UnknownOrders)} diffs of unknown orders, {N(checks.DuplicateJoins)} duplicate joins, {N(checks.MisplacedDiffs)} misplaced diffs, "
            + $"{N(checks.FillsWithoutDiff)} fills without a diff, {N(checks.CrossedBooks)} crossed books";
        yield return $"orders that joined the book: {N(r.Truth.Orders.Count)}; scored {N(r.Scores.FirstOrDefault()?.Orders ?? 0)} "
            + $"({N(r.RejectedTwins)} twins rejected as crossing the last L2 book, {N(r.GoneWithinJoinBlock)} gone unfilled within their join block); "
            + $"{N(r.Truth.Orders.Count(o => o.Filled))} filled, {N(r.Truth.Orders.Count(o => o.End == OrderEnd.Canceled))} cancelled, {N(r.Truth.Orders.Count(o => o.End == OrderEnd.Resting))} still resting at the end";
        yield return $"{N(r.Truth.CancelSteps.Count)} cancellations at the level of a resting joined order ({N(r.Truth.CancelSteps.Count(s => s.AtTouch))} at the touch)";
    }

    private static IEnumerable<string> Verdict(QueueStudyResult r)
    {
        var current = r.Scores.FirstOrDefault(s => s.Model.IsDefault);
        var best = r.Recommended;
        yield return $"default model: {current?.Model.Name ?? "none of these"}; the data favours: {best?.Model.Name ?? "nothing (no scored orders)"}"
            + (best is null ? "" : $" (fill accuracy {F(best.Accuracy, 3)}, mean absolute queue error at the touch {F(best.TouchMeanAbsError, 4)}, best in {Percent(best.TouchBestShare)} of {OrderBootstrap.Resamples} order resamples)");
        var realFills = r.Scores.FirstOrDefault()?.RealFills ?? 0;
        if (realFills == 0) yield return "no scored order filled in reality: fill accuracy only counts false fills, and time to fill cannot be scored";
    }

    private static void Table(StringBuilder text, bool markdown, string title, string[] headers, IEnumerable<(string Name, string[] Cells)> rows)
    {
        var all = rows.ToList();
        var columns = new[] { title }.Concat(headers).ToArray();
        var widths = columns.Select((h, c) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(row => (c == 0 ? row.Name : row.Cells[c - 1]).Length))).ToArray();
        string Line(IEnumerable<string> cells) => markdown
            ? "| " + string.Join(" | ", cells) + " |"
            : string.Join("  ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        text.Append(Line(columns)).Append('\n');
        if (markdown) text.Append(Line(columns.Select((_, c) => c == 0 ? "---" : "---:"))).Append('\n');
        foreach (var (name, cells) in all) text.Append(Line(new[] { name }.Concat(cells))).Append('\n');
    }

    private static string Name(ModelScore s) => s.Model.Name + (s.Model.IsDefault ? " (default)" : "");

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => double.IsNaN(value) ? "–" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsNaN(share) ? "–" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
