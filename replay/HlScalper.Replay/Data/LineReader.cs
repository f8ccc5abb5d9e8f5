namespace HlScalper.Replay.Data;

/// <summary>Reads '\n'-separated lines from a stream as spans over one reused buffer (no string per line), never holding more than <see cref="MaxLineLength"/> bytes of one line.</summary>
/// <remarks>A longer line is read past, not loaded: it comes back empty, flagged by <see cref="LastLineTooLong"/> with its length in <see cref="OverlongLength"/>, so a file of 10 MB lines (or none at all) costs one buffer, not 10 MB a line.</remarks>
public sealed class LineReader
{
    /// <summary>Twice the live feed's largest message (1 MiB), with room for the archive envelope around it.</summary>
    public const int DefaultMaxLineLength = 2 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int initialBuffer = 1 << 20, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _stream = stream;
        MaxLineLength = maxLineLength;
        _buffer = new byte[Math.Clamp(initialBuffer, 1, Math.Min(maxLineLength, Array.MaxLength - 1) + 1)];
    }

    public int MaxLineLength { get; }

    /// <summary>1-based number of the last line returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The full length of the last line returned when it was longer than <see cref="MaxLineLength"/> (it came back empty); 0 otherwise.</summary>
    public long OverlongLength { get; private set; }

    /// <summary>True when the last line returned was longer than <see cref="MaxLineLength"/>: it came back empty and reading went on after it.</summary>
    public bool LastLineTooLong => OverlongLength > 0;

    /// <summary>False when the last line returned was cut by the end of the stream rather than ended by '\n'.</summary>
    public bool LastLineTerminated { get; private set; }

    /// <summary>The next line without its '\n'; false at the end. The span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        OverlongLength = 0;
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = scanFrom + newline;
                line = _buffer.AsSpan(_start, at - _start);
                _start = at + 1;
                return Returned(terminated: true);
            }
            if (_eof)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                return !line.IsEmpty && Returned(terminated: false);
            }
            if (_end - _start > MaxLineLength)
            {
                line = default;
                SkipRestOfLine();
                return Returned(LastLineTerminated);
            }
            scanFrom = _end;
            Fill(ref scanFrom);
        }
    }

    private bool Returned(bool terminated)
    {
        LastLineTerminated = terminated;
        LineNumber++;
        return true;
    }

    /// <summary>Drops the overlong line's bytes, reading on to its '\n' (or the end) without keeping them.</summary>
    private void SkipRestOfLine()
    {
        long length = _end - _start;
        _start = _end = 0;
        while (true)
        {
            var n = _stream.Read(_buffer, 0, _buffer.Length);
            if (n == 0)
            {
                _eof = true;
                LastLineTerminated = false;
                break;
            }
            var newline = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _start = newline + 1;
                _end = n;
                LastLineTerminated = true;
                break;
            }
            length += n;
        }
        OverlongLength = length;
    }

    private void Fill(ref int scanFrom)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            scanFrom -= _start;
            _end -= _start;
            _start = 0;
        }
        // One byte beyond the limit: a line of exactly MaxLineLength fits together with its '\n'.
        if (_end == _buffer.Length) Array.Resize(ref _buffer, (int)Math.Min(Math.Min(MaxLineLength + 1L, Array.MaxLength), 2L * _buffer.Length));
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }
}
