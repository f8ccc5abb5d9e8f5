namespace HlScalper.Engine.Numbers;

/// <summary>A price: 8 implied decimals in a <c>long</c>, exact for every wire value.</summary>
public readonly record struct Px(long Raw) : IComparable<Px>
{
    public static Px Zero => default;

    public static Px Parse(ReadOnlySpan<byte> utf8) => new(Fixed8.Parse(utf8));

    public static Px Parse(string text) => new(Fixed8.Parse(text));

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Px px)
    {
        var ok = Fixed8.TryParse(utf8, out var raw) == Fixed8Error.None;
        px = new Px(raw);
        return ok;
    }

    public static Px FromDecimal(decimal value) => new(Fixed8.FromDecimal(value));

    public decimal ToDecimal() => Fixed8.ToDecimal(Raw);

    public double ToDouble() => Fixed8.ToDouble(Raw);

    /// <summary>Writes the canonical wire form ("2000", "0.1").</summary>
    public int Format(Span<byte> utf8) => Fixed8.Format(Raw, utf8);

    public override string ToString() => Fixed8.ToString(Raw);

    public int CompareTo(Px other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Px a, Px b) => a.Raw < b.Raw;
    public static bool operator >(Px a, Px b) => a.Raw > b.Raw;
    public static bool operator <=(Px a, Px b) => a.Raw <= b.Raw;
    public static bool operator >=(Px a, Px b) => a.Raw >= b.Raw;
    public static Px operator +(Px a, Px b) => new(a.Raw + b.Raw);
    public static Px operator -(Px a, Px b) => new(a.Raw - b.Raw);
}
