using System.Text.Json;

namespace HlScalper.Protocol.Actions;

/// <summary>Renders an action as JSON in wire key order, into a caller's reused <see cref="Utf8JsonWriter"/>.</summary>
public readonly struct JsonActionWriter(Utf8JsonWriter writer) : IActionWriter
{
    public void BeginMap(int count) => writer.WriteStartObject();

    public void EndMap() => writer.WriteEndObject();

    public void BeginArray(int count) => writer.WriteStartArray();

    public void EndArray() => writer.WriteEndArray();

    public void Key(scoped ReadOnlySpan<byte> utf8Name) => writer.WritePropertyName(utf8Name);

    public void String(scoped ReadOnlySpan<byte> utf8) => writer.WriteStringValue(utf8);

    public void Integer(long value) => writer.WriteNumberValue(value);

    public void Bool(bool value) => writer.WriteBooleanValue(value);
}
