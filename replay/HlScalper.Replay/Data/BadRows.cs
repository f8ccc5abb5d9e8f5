namespace HlScalper.Replay.Data;

/// <summary>The bad-line policy of the readers: the first few reported as <c>file:line: why — skipped</c>, the rest counted, or (strict) the first one fatal.</summary>
/// <remarks>A table's rows are numbered like a text file's lines, from 1.</remarks>
internal sealed class BadRows(string path, bool strict, Action<string> log)
{
    public long Count { get; private set; }

    public void Add(long line, string reason)
    {
        var text = $"{path}:{line}: {reason}";
        if (strict) throw new TickDataException(text + " (--strict)");
        if (++Count <= JsonTickReader.ReportedBadLines) log(text + " — skipped");
    }

    public void Summarise()
    {
        if (Count > JsonTickReader.ReportedBadLines) log($"{path}: {Count} bad lines skipped in all ({Count - JsonTickReader.ReportedBadLines} not shown)");
    }
}
