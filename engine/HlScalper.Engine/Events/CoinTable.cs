using System.Text;

namespace HlScalper.Engine.Events;

/// <summary>Maps coin names to the small indexes events carry; lookups by UTF-8 bytes, no allocation.</summary>
/// <remarks>A handful of coins per engine, so a linear scan over byte arrays beats hashing.</remarks>
public sealed class CoinTable
{
    /// <summary>Returned by <see cref="Find"/> for a coin nobody subscribed to.</summary>
    public const int NotFound = -1;

    private readonly List<byte[]> _names = [];

    public CoinTable(params string[] coins)
    {
        foreach (var coin in coins) Add(coin);
    }

    public int Count => _names.Count;

    /// <summary>Adds a coin (or returns its index if present).</summary>
    public ushort Add(string coin)
    {
        var bytes = Encoding.UTF8.GetBytes(coin);
        var existing = Find(bytes);
        if (existing != NotFound) return (ushort)existing;
        if (_names.Count == ushort.MaxValue) throw new InvalidOperationException("coin table is full");
        _names.Add(bytes);
        return (ushort)(_names.Count - 1);
    }

    /// <summary>The index of <paramref name="utf8Name"/>, or <see cref="NotFound"/>.</summary>
    public int Find(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < _names.Count; i++)
            if (utf8Name.SequenceEqual(_names[i])) return i;
        return NotFound;
    }

    public string NameOf(ushort coin) => Encoding.UTF8.GetString(_names[coin]);
}
