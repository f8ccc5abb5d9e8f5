using System.Text.Json;

namespace HlScalper.LocalExchange.Server;

/// <summary>JSON string literals for hand-written answers.</summary>
internal static class JsonText
{
    /// <summary>The text as a quoted JSON string, escaped as the serializer escapes it (without its reflection: trimming and NativeAOT).</summary>
    public static string Quote(string text) => $"\"{JsonEncodedText.Encode(text).Value}\"";
}
