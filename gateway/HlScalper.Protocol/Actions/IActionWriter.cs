namespace HlScalper.Protocol.Actions;

/// <summary>The structure of an action, written once per action type and rendered to msgpack (for the hash) or JSON (for the request).</summary>
/// <remarks>
/// Msgpack needs element counts up front and JSON needs closing tokens, so the writer gets both;
/// each format ignores what it does not need. Implementations are structs (one is a ref struct over
/// <c>MessagePackWriter</c>), so actions take them generically and nothing boxes.
/// </remarks>
public interface IActionWriter
{
    void BeginMap(int count);

    void EndMap();

    void BeginArray(int count);

    void EndArray();

    void Key(scoped ReadOnlySpan<byte> utf8Name);

    void String(scoped ReadOnlySpan<byte> utf8);

    void Integer(long value);

    void Bool(bool value);
}
