namespace HlScalper.Replay.Data;

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
