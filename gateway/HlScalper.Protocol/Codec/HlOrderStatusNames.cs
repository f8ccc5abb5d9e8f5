using System.Text;
using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>Order status strings as sent on the wire (camelCase of the <see cref="OrderStatus"/> names).</summary>
public static class HlOrderStatusNames
{
    private static readonly byte[][] Names = BuildNames();

    /// <summary>The status named <paramref name="utf8"/>; <see cref="OrderStatus.Unknown"/> for a name this build does not know.</summary>
    public static OrderStatus Parse(ReadOnlySpan<byte> utf8)
    {
        var names = Names;
        for (var i = 1; i < names.Length; i++)
            if (utf8.SequenceEqual(names[i])) return (OrderStatus)i;
        return OrderStatus.Unknown;
    }

    /// <summary>The wire name of <paramref name="status"/> ("open", "scheduledCancel", …).</summary>
    public static ReadOnlySpan<byte> NameOf(OrderStatus status) => Names[(int)status];

    private static byte[][] BuildNames()
    {
        var values = Enum.GetValues<OrderStatus>();
        var names = new byte[values.Length][];
        foreach (var value in values)
        {
            var name = value.ToString();
            names[(int)value] = Encoding.UTF8.GetBytes(char.ToLowerInvariant(name[0]) + name[1..]);
        }
        return names;
    }
}
