namespace HlScalper.Replay.Data;

/// <summary>Reads '\n'-separated lines from a stream as spans over one reused buffer (no string per line).</summary>
/// <param name="maxLineBytes">A longer line is dropped, not buffered: memory stays bounded on a file with no newlines.</param>
public sealed class LineReader(Stream stream, int initialBuffer = 1 << 20, int maxLineBytes = int.MaxValue)
{
    private byte[] _buffer = new byte[initialBuffer];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the last line returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the last line returned was longer than the limit: it came back empty and reading went on after it.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>The next line without its '\n'; false at the end. The span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        LastLineTooLong = false;
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = scanFrom + newline;
                LastLineTooLong |= at - _start > maxLineBytes;
                line = LastLineTooLong ? default : _buffer.AsSpan(_start, at - _start);
                _start = at + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start == _end && !LastLineTooLong)
                {
                    line = default;
                    return false;
                }
                LastLineTooLong |= _end - _start > maxLineBytes;
                line = LastLineTooLong ? default : _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                LineNumber++;
                return true;
            }
            if (_end - _start > maxLineBytes)
            {
                LastLineTooLong = true;
                _start = _end;
            }
            scanFrom = _end;
            Fill(ref scanFrom);
        }
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
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }
}
