namespace HlScalper.Live.Config;

/// <summary>A config file or <c>--set</c> the live engine cannot use; the message names the source, the key and why.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
