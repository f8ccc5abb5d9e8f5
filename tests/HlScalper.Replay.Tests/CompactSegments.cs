using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Tests;

/// <summary>Compact tapes built in memory from events, as the tape cache builds them without a cache folder.</summary>
internal static class CompactSegments
{
    /// <summary>A compact builder holding every event of <paramref name="source"/>, its coins in the same order.</summary>
    public static TapeBuilder BuilderOf(EventTape source)
    {
        var compact = TapeBuilder.Compact(new CoinTable());
        for (ushort c = 0; c < source.Coins.Count; c++) compact.Coins.Add(source.Coins.NameOf(c));
        foreach (ref readonly var e in source.Span)
        {
            compact.ClaimSlot() = e;
            compact.PublishSlot();
        }
        return compact;
    }

    /// <summary>What <paramref name="compact"/> holds as the in-memory segment of an input named <paramref name="source"/>.</summary>
    public static TapeSegment Of(TapeBuilder compact, string source) =>
        TapeSegment.InMemory(source, TapeCache.HeaderOf(compact, new FileReport(source, TickFormat.Parquet, 0, 0, 0, compact.Count), []), compact.Staging!);
}
