using System.Globalization;

namespace HlScalper.Live.Log;

/// <summary>Garbage collections and their total pause so far; the difference over a run tells whether anything paused the engine.</summary>
public readonly record struct GcTally(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcTally Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcTally operator -(GcTally end, GcTally start) =>
        new(end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Pause - start.Pause);

    /// <summary>As the summary prints it: <c>gc=gen0/gen1/gen2 gc_pause_ms=X</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"gc={Gen0}/{Gen1}/{Gen2} gc_pause_ms={Pause.TotalMilliseconds:0.###}");
}
