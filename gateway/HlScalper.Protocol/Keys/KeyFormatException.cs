namespace HlScalper.Protocol.Keys;

/// <summary>A missing or malformed key or address setting; the message names the setting and what is wrong, never its value.</summary>
public sealed class KeyFormatException(string message) : Exception(message);
