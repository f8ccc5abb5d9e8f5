using System.Globalization;

namespace HlScalper.Replay.Data;

/// <summary>Writes raw WebSocket messages in the Hyperliquid archive's own format: an LZ4 frame of <c>{"time","ver_num":1,"raw":…}</c> lines, losing nothing on a crash but the last flush interval.</summary>
/// <remarks>
/// <c>time</c> is the local receive time in UTC with 9 fractional digits and no zone suffix, as in the official archive,
/// so the replay reader takes recordings and archive files alike. <c>raw</c> is the message verbatim; it must be one JSON
/// value (the caller passes only parsed JSON messages).
/// <para>
/// Nothing is lost: the frame goes to a temporary file beside the target, renamed onto it when the first message is
/// written, so a run that records nothing leaves an existing file untouched and leaves no empty file behind; an existing
/// file is replaced only when the caller allows it. Every <c>flushEvery</c> the pending lines are closed into a complete
/// LZ4 block, so a killed recording holds everything up to the last flush (an LZ4 reader that keeps the complete prefix
/// reads it). Writes come from the feed thread and flushes from a timer, so both take one lock (this is not the hot path).
/// </para>
/// </remarks>
public sealed class HlArchiveWriter : IDisposable
{
    private static readonly byte[] Prefix = "{\"time\":\""u8.ToArray();
    private static readonly byte[] Middle = "\",\"ver_num\":1,\"raw\":"u8.ToArray();
    private static readonly byte[] Suffix = "}\n"u8.ToArray();

    private readonly string _path;
    private readonly string _temporary;
    private readonly bool _overwrite;
    private readonly FileStream _file;
    private readonly Lz4FrameWriter _lz4;
    private readonly Timer? _flusher;
    private readonly byte[] _time = new byte[32];
    private readonly Lock _lock = new();
    private bool _pending;
    private bool _disposed;

    /// <param name="overwrite">Replace an existing <paramref name="path"/> (at the first message); otherwise an existing file is an error.</param>
    /// <param name="flushEvery">Close the pending lines into a complete block this often; null: only at the end.</param>
    /// <exception cref="IOException"><paramref name="path"/> exists and <paramref name="overwrite"/> is false, or the temporary file cannot be created.</exception>
    public HlArchiveWriter(string path, bool overwrite = false, TimeSpan? flushEvery = null)
    {
        _path = Path.GetFullPath(path);
        _overwrite = overwrite;
        if (!overwrite && File.Exists(_path)) throw new IOException($"{path} exists; it is not overwritten (use --force, or another --out)");
        _temporary = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.partial");
        // FileShare.Delete lets the open file be renamed on every platform.
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1 << 16);
        _lz4 = new Lz4FrameWriter(_file);
        if (flushEvery is { } every) _flusher = new Timer(_ => Flush(), null, every, every);
    }

    public long Lines { get; private set; }

    /// <summary>Where the lines are now: the temporary file until the first message, then the target.</summary>
    public string CurrentPath => Lines == 0 ? _temporary : _path;

    public void Write(DateTime receivedUtc, ReadOnlySpan<byte> rawMessage)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // DateTime has 100 ns resolution: seven digits, then "00" for the archive's nine.
            receivedUtc.TryFormat(_time, out var length, "yyyy-MM-dd'T'HH:mm:ss.fffffff'00'", CultureInfo.InvariantCulture);
            _lz4.Write(Prefix);
            _lz4.Write(_time.AsSpan(0, length));
            _lz4.Write(Middle);
            _lz4.Write(rawMessage.TrimEnd(" \t\r\n"u8));
            _lz4.Write(Suffix);
            _pending = true;
            if (Lines++ == 0) File.Move(_temporary, _path, _overwrite);
        }
    }

    /// <summary>Closes the lines written so far into a complete LZ4 block on disk.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_disposed || !_pending) return;
            _lz4.Flush();
            _pending = false;
        }
    }

    /// <summary>Closes the LZ4 frame (its end mark) and the file; a file that never got a message is deleted.</summary>
    public void Dispose()
    {
        _flusher?.Dispose();
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _lz4.Complete();
            _file.Dispose();
            if (Lines == 0) File.Delete(_temporary);
        }
    }
}
