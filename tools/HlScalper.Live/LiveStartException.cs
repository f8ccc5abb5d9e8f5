namespace HlScalper.Live;

/// <summary>The live run could not start (unknown coin, unreachable exchange, refused leverage…); the message says what to fix.</summary>
public sealed class LiveStartException(string message, Exception? inner = null) : Exception(message, inner);
