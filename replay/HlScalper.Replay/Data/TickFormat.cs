using HlScalper.Replay.Data.Collector;

namespace HlScalper.Replay.Data;

/// <summary>A detected tick-file format; <see cref="Collector"/> is set for the WebSocket collector's CSV and Parquet tables.</summary>
public readonly record struct TickFormat(bool IsParquet, Compression Compression, LineFormat Lines, CollectorTable Collector = CollectorTable.None)
{
    public static readonly TickFormat Parquet = new(true, Compression.None, default);

    public override string ToString() => Collector != CollectorTable.None
        ? $"collector {(IsParquet ? "Parquet" : "CSV")} ({Collector.ToString().ToLowerInvariant()}){(Compression == Compression.None ? "" : $", {Compression}")}"
        : IsParquet ? "parquet tick table" : $"{Lines} lines{(Compression == Compression.None ? "" : $", {Compression}")}";
}
