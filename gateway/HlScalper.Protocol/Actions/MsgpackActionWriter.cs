using System.Buffers;
using MessagePack;

namespace HlScalper.Protocol.Actions;

/// <summary>Renders an action as msgpack in the SDKs' byte layout: smallest integer forms, unsigned family for positives, str8 for 32–255-byte strings.</summary>
public ref struct MsgpackActionWriter : IActionWriter
{
    private MessagePackWriter _writer;

    public MsgpackActionWriter(IBufferWriter<byte> output) => _writer = new MessagePackWriter(output);

    public void BeginMap(int count) => _writer.WriteMapHeader(count);

    public readonly void EndMap()
    {
    }

    public void BeginArray(int count) => _writer.WriteArrayHeader(count);

    public readonly void EndArray()
    {
    }

    public void Key(scoped ReadOnlySpan<byte> utf8Name) => String(utf8Name);

    // Header then raw bytes through GetSpan/Advance: WriteString's parameter is not marked scoped, so it cannot take stack text.
    public void String(scoped ReadOnlySpan<byte> utf8)
    {
        _writer.WriteStringHeader(utf8.Length);
        utf8.CopyTo(_writer.GetSpan(utf8.Length));
        _writer.Advance(utf8.Length);
    }

    // MessagePackWriter.Write(long) picks the compact form (fixint, then 0xcc/0xcd/0xce/0xcf for positives), as the SDKs do.
    public void Integer(long value) => _writer.Write(value);

    public void Bool(bool value) => _writer.Write(value);

    /// <summary>Commits the written bytes to the buffer writer; call once after the action.</summary>
    public void Flush() => _writer.Flush();
}
