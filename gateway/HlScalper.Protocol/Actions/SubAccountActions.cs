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

/// <summary><c>{"type":"subAccountTransfer","subAccountUser":address,"isDeposit":bool,"usd":int}</c>, usd in micro-USDC (always signed without a vault).</summary>
public sealed class SubAccountTransferAction(EthAddress subAccountUser, bool isDeposit, long usd) : ExchangeAction
{
    public EthAddress SubAccountUser { get; } = subAccountUser;

    public bool IsDeposit { get; } = isDeposit;

    public long Usd { get; } = usd;

    public override string Type => "subAccountTransfer";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(4);
        ActionFields.Type(ref writer, "subAccountTransfer"u8);
        writer.Key("subAccountUser"u8);
        ActionFields.Address(ref writer, SubAccountUser);
        writer.Key("isDeposit"u8);
        writer.Bool(IsDeposit);
        writer.Key("usd"u8);
        writer.Integer(Usd);
        writer.EndMap();
    }
}

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
