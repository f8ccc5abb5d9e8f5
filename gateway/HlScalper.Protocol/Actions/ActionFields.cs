using HlScalper.Engine.Orders;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary>Value writers shared by all actions: decimals, cloids and addresses in their wire text form.</summary>
public static class ActionFields
{
    public static void Decimal<TWriter>(ref TWriter writer, WireDecimal value) where TWriter : IActionWriter, allows ref struct
    {
        Span<byte> text = stackalloc byte[WireDecimal.MaxFormattedLength];
        writer.String(text[..value.Format(text)]);
    }

    public static void Cloid<TWriter>(ref TWriter writer, Cloid cloid) where TWriter : IActionWriter, allows ref struct
    {
        Span<byte> text = stackalloc byte[Engine.Orders.Cloid.WireLength];
        writer.String(text[..cloid.Format(text)]);
    }

    public static void Address<TWriter>(ref TWriter writer, in EthAddress address) where TWriter : IActionWriter, allows ref struct
    {
        Span<byte> text = stackalloc byte[EthAddress.WireLength];
        writer.String(text[..address.Format(text)]);
    }

    public static void Type<TWriter>(ref TWriter writer, ReadOnlySpan<byte> type) where TWriter : IActionWriter, allows ref struct
    {
        writer.Key("type"u8);
        writer.String(type);
    }

    /// <summary>Writes <c>"name":true</c> when set and nothing otherwise: the exchange rejects these flags sent as false.</summary>
    public static void TrueFlag<TWriter>(ref TWriter writer, ReadOnlySpan<byte> name, bool set) where TWriter : IActionWriter, allows ref struct
    {
        if (!set) return;
        writer.Key(name);
        writer.Bool(true);
    }
}
