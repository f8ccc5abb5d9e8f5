using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Compact;

/// <summary>The cursor of a tape with one file: its events in the file's order, with no merge to step through (the heap of one reader was 2 % of a one-file back-test).</summary>
internal sealed class SegmentCursor(SegmentReader reader) : TapeCursor
{
    public override ref readonly MarketEvent Next() => ref reader.MoveNext() ? ref reader.Current : ref Unsafe.NullRef<MarketEvent>();

    public override void Dispose()
    {
        reader.Dispose();
        base.Dispose();
    }
}
