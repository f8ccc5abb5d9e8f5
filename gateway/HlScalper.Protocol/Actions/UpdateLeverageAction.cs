namespace HlScalper.Protocol.Actions;

/// <summary><c>{"type":"updateLeverage","asset":int,"isCross":bool,"leverage":int}</c>.</summary>
public sealed class UpdateLeverageAction(int asset, bool isCross, int leverage) : ExchangeAction
{
    public int Asset { get; set; } = asset;

    public bool IsCross { get; set; } = isCross;

    public int Leverage { get; set; } = leverage;

    public override string Type => "updateLeverage";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(4);
        ActionFields.Type(ref writer, "updateLeverage"u8);
        writer.Key("asset"u8);
        writer.Integer(Asset);
        writer.Key("isCross"u8);
        writer.Bool(IsCross);
        writer.Key("leverage"u8);
        writer.Integer(Leverage);
        writer.EndMap();
    }
}
