using System.Text.Json;

namespace HlScalper.Replay.Data;

/// <summary>Reads one JSON document token by token from a stream of any length with bounded memory (<see cref="Utf8JsonReader"/> over a refilled buffer).</summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> is a ref struct and cannot live in a field, so each <see cref="Read"/> makes a
/// new one from the saved <see cref="JsonReaderState"/> over the unread bytes; a token cut by the buffer's
/// end is read again after a refill. The buffer grows only for a token longer than itself, up to the limit.
/// Syntax errors, a token over the limit and a document cut short throw <see cref="JsonException"/>.
/// </remarks>
public sealed class JsonTokenStream(Stream stream, int maxTokenBytes = 1 << 20)
{
    private byte[] _buffer = new byte[1 << 16];
    private byte[] _value = new byte[256];
    private int _valueLength;
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Nesting depth of the current token, as <see cref="Utf8JsonReader.CurrentDepth"/>.</summary>
    public int Depth { get; private set; }

    /// <summary>True when the current string token holds escape sequences (its <see cref="Value"/> is the raw, still escaped text).</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>Bytes of the document consumed so far (for error messages).</summary>
    public long Position { get; private set; }

    /// <summary>The current token's raw value (a string without quotes, a number's text); valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Value => _value.AsSpan(0, _valueLength);

    /// <summary>Moves to the next token; false at the end of the document.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            if (reader.Read())
            {
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                ValueIsEscaped = reader.ValueIsEscaped;
                var value = reader.ValueSpan;
                if (value.Length > _value.Length) _value = new byte[Math.Max(value.Length, _value.Length * 2)];
                value.CopyTo(_value);
                _valueLength = value.Length;
                _start += (int)reader.BytesConsumed;
                Position += reader.BytesConsumed;
                _state = reader.CurrentState;
                return true;
            }
            if (_eof) return false;
            Refill();
        }
    }

    /// <summary>Skips the value that starts at the current token (all of an object or array, nothing more for a scalar).</summary>
    public void SkipValue()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = Depth;
        while (Read())
            if (Depth == depth && TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return;
        throw new JsonException($"the document ends inside a value, at byte {Position}");
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxTokenBytes) throw new JsonException($"a token longer than {maxTokenBytes} bytes at byte {Position}");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }
}
