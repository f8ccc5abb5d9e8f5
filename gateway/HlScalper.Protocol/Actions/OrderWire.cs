using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Actions;

/// <summary>One order as <c>order</c>, <c>modify</c> and <c>batchModify</c> carry it: <c>{a,b,p,s,r,t,c?}</c>.</summary>
public struct OrderWire
{
    public int Asset;
    public bool IsBuy;
    public WireDecimal Price;
    public WireDecimal Size;
    public bool ReduceOnly;

    /// <summary>False: a limit order with <see cref="Tif"/>; true: a trigger order (<see cref="TriggerIsMarket"/>, <see cref="TriggerPx"/>, <see cref="TpSl"/>).</summary>
    public bool IsTrigger;

    public Tif Tif;
    public bool TriggerIsMarket;
    public WireDecimal TriggerPx;
    public TpSl TpSl;

    /// <summary>When false the <c>c</c> key is omitted (never sent as null).</summary>
    public bool HasCloid;

    public Cloid Cloid;

    public static OrderWire Limit(int asset, bool isBuy, WireDecimal price, WireDecimal size, Tif tif, bool reduceOnly = false, Cloid? cloid = null) => new()
    {
        Asset = asset, IsBuy = isBuy, Price = price, Size = size, Tif = tif, ReduceOnly = reduceOnly,
        HasCloid = cloid.HasValue, Cloid = cloid.GetValueOrDefault(),
    };

    /// <summary>A TP/SL order; the exchange rejects non-reduce-only ones, so reduce-only is the default.</summary>
    public static OrderWire Trigger(int asset, bool isBuy, WireDecimal price, WireDecimal size, WireDecimal triggerPx, TpSl tpsl, bool isMarket, bool reduceOnly = true, Cloid? cloid = null) => new()
    {
        Asset = asset, IsBuy = isBuy, Price = price, Size = size, ReduceOnly = reduceOnly,
        IsTrigger = true, TriggerPx = triggerPx, TpSl = tpsl, TriggerIsMarket = isMarket,
        HasCloid = cloid.HasValue, Cloid = cloid.GetValueOrDefault(),
    };

    public readonly void Write<TWriter>(ref TWriter writer) where TWriter : IActionWriter, allows ref struct
    {
        writer.BeginMap(HasCloid ? 7 : 6);
        writer.Key("a"u8);
        writer.Integer(Asset);
        writer.Key("b"u8);
        writer.Bool(IsBuy);
        writer.Key("p"u8);
        ActionFields.Decimal(ref writer, Price);
        writer.Key("s"u8);
        ActionFields.Decimal(ref writer, Size);
        writer.Key("r"u8);
        writer.Bool(ReduceOnly);
        writer.Key("t"u8);
        writer.BeginMap(1);
        if (IsTrigger)
        {
            writer.Key("trigger"u8);
            writer.BeginMap(3);
            writer.Key("isMarket"u8);
            writer.Bool(TriggerIsMarket);
            writer.Key("triggerPx"u8);
            ActionFields.Decimal(ref writer, TriggerPx);
            writer.Key("tpsl"u8);
            writer.String(TpSl == TpSl.Tp ? "tp"u8 : "sl"u8);
        }
        else
        {
            writer.Key("limit"u8);
            writer.BeginMap(1);
            writer.Key("tif"u8);
            writer.String(Tif switch { Tif.Alo => "Alo"u8, Tif.Ioc => "Ioc"u8, _ => "Gtc"u8 });
        }
        writer.EndMap();
        writer.EndMap();
        if (HasCloid)
        {
            writer.Key("c"u8);
            ActionFields.Cloid(ref writer, Cloid);
        }
        writer.EndMap();
    }
}
