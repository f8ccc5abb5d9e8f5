namespace HlScalper.Protocol.Actions;

/// <summary>Any failure of an <c>/exchange</c> request; the subclasses say whether the action may have been executed.</summary>
public abstract class ExchangeException(string message, Exception? inner = null) : Exception(message, inner);
