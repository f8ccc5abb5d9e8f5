using System.Diagnostics;
using System.Globalization;

namespace HlScalper.Cli.Commands;

/// <summary>Progress of long work on stderr with an ETA, never on stdout: one redrawn line on a terminal, a plain line at most every few seconds otherwise (logs, pipes).</summary>
internal sealed class ProgressLine(TextWriter err, string what, int total)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private readonly bool _terminal = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastPlain;
    private int _lastDone = -1;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Shows <paramref name="done"/> of the total; a repeated count draws nothing.</summary>
    public void Show(int done)
    {
        if (done == _lastDone || done == 0) return;
        _lastDone = done;
        var elapsed = _clock.Elapsed;
        var eta = done >= total ? "done" : $"ETA {Seconds(elapsed * ((double)(total - done) / done))}";
        var text = string.Create(CultureInfo.InvariantCulture, $"{what}: {done}/{total} ({100.0 * done / total:0}%) in {Seconds(elapsed)}, {eta}");
        if (_terminal)
        {
            const int width = 30;
            err.Write($"\r[{new string('#', done * width / total)}{new string('.', width - done * width / total)}] {text}   ");
            if (done >= total) err.WriteLine();
        }
        else if (_lastPlain is not { } last || elapsed - last >= PlainEvery || done >= total)
        {
            err.WriteLine(text);
            _lastPlain = elapsed;
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0 s" : "0 s", CultureInfo.InvariantCulture);
}
