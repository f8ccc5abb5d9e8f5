namespace HlScalper.Engine.Numbers;

/// <summary>A size in coins (signed for positions): 8 implied decimals in a <c>long</c>.</summary>
public readonly record struct Sz(long Raw) : IComparable<Sz>
{
    public static Sz Zero => default;

    public static Sz Parse(ReadOnlySpan<byte> utf8) => new(Fixed8.Parse(utf8));

    public static Sz Parse(string text) => new(Fixed8.Parse(text));

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Sz sz)
    {
        var ok = Fixed8.TryParse(utf8, out var raw) == Fixed8Error.None;
        sz = new Sz(raw);
        return ok;
    }

    public static Sz FromDecimal(decimal value) => new(Fixed8.FromDecimal(value));

    public decimal ToDecimal() => Fixed8.ToDecimal(Raw);

    public double ToDouble() => Fixed8.ToDouble(Raw);

    /// <summary>Writes the canonical wire form ("0.001", "3").</summary>
    public int Format(Span<byte> utf8) => Fixed8.Format(Raw, utf8);

    public override string ToString() => Fixed8.ToString(Raw);

    public int CompareTo(Sz other) => Raw.CompareTo(other.Raw);

    /// <summary>Notional value in quote units; px × sz overflows a long, so this goes through <see cref="Int128"/>.</summary>
    public static decimal Notional(Px px, Sz sz) => (decimal)((Int128)px.Raw * sz.Raw / Fixed8.Scale) / Fixed8.Scale;

    public static bool operator <(Sz a, Sz b) => a.Raw < b.Raw;
    public static bool operator >(Sz a, Sz b) => a.Raw > b.Raw;
    public static bool operator <=(Sz a, Sz b) => a.Raw <= b.Raw;
    public static bool operator >=(Sz a, Sz b) => a.Raw >= b.Raw;
    public static Sz operator +(Sz a, Sz b) => new(a.Raw + b.Raw);
    public static Sz operator -(Sz a, Sz b) => new(a.Raw - b.Raw);
    public static Sz operator -(Sz a) => new(-a.Raw);
}
