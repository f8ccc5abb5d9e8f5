using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"createSubAccount","name":string}</c> (always signed without a vault).</summary>
public sealed class CreateSubAccountAction(string name) : ExchangeAction
{
    public string Name { get; } = name;

    public override string Type => "createSubAccount";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(2);
        ActionFields.Type(ref writer, "createSubAccount"u8);
        writer.Key("name"u8);
        writer.String(System.Text.Encoding.UTF8.GetBytes(Name));
        writer.EndMap();
    }
}
