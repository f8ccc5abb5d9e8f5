namespace HlScalper.Replay.Data;

/// <summary>Tick data that cannot be read: a missing file, an unknown format, corrupt compression or (with --strict) a bad line. The message names the file and line.</summary>
public sealed class TickDataException(string message, Exception? inner = null) : IOException(message, inner);
