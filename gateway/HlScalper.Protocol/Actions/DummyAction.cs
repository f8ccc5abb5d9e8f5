using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"dummy","num":int}</c>: the Python SDK's signing-test action; the exchange does not know it, only the hash mechanics do.</summary>
public sealed class DummyAction(long num) : ExchangeAction
{
    public long Num { get; } = num;

    public override string Type => "dummy";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(2);
        ActionFields.Type(ref writer, "dummy"u8);
        writer.Key("num"u8);
        writer.Integer(Num);
        writer.EndMap();
    }
}
