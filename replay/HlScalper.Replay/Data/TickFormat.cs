using HlScalper.Replay.Data.Collector;

namespace HlScalper.Replay.Data;

/// <summary>How a tick file is compressed and what each line holds.</summary>
public enum Compression : byte
{
    None,
    Lz4Frame,
    Gzip,
}

/// <summary>What one line of a JSON-lines tick file is.</summary>
public enum LineFormat : byte
{
    /// <summary>Hyperliquid's archive: <c>{"time","ver_num","raw":&lt;WS message&gt;}</c>.</summary>
    ArchiveEnvelope,

    /// <summary>hftbacktest's collector: <c>&lt;local ns&gt; &lt;WS message&gt;</c>.</summary>
    NanosPrefixed,

    /// <summary>One WebSocket message per line.</summary>
    PlainMessage,
}

/// <summary>A detected tick-file format; <see cref="Collector"/> is set for the WebSocket collector's CSV and Parquet tables.</summary>
public readonly record struct TickFormat(bool IsParquet, Compression Compression, LineFormat Lines, CollectorTable Collector = CollectorTable.None)
{
    public static readonly TickFormat Parquet = new(true, Compression.None, default);

    public override string ToString() => Collector != CollectorTable.None
        ? $"collector {(IsParquet ? "Parquet" : "CSV")} ({Collector.ToString().ToLowerInvariant()}){(Compression == Compression.None ? "" : $", {Compression}")}"
        : IsParquet ? "parquet tick table" : $"{Lines} lines{(Compression == Compression.None ? "" : $", {Compression}")}";
}
