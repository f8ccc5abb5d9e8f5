using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

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
