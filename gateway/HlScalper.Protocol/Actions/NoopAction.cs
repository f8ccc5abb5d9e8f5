namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"noop"}</c>: consumes its nonce, which kills an in-flight request signed with the same nonce.</summary>
public sealed class NoopAction : ExchangeAction
{
    public override string Type => "noop";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(1);
        ActionFields.Type(ref writer, "noop"u8);
        writer.EndMap();
    }
}
