namespace HlScalper.Protocol.Actions;

/// <summary>The exchange answered <c>{"status":"err"}</c>: the whole action was refused (bad signature, nonce, validation).</summary>
public sealed class ExchangeRejectedException(string reason) : ExchangeException($"exchange rejected the action: {reason}")
{
    public string Reason { get; } = reason;
}
