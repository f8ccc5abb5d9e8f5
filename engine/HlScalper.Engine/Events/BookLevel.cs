using System.Runtime.CompilerServices;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Events;

/// <summary>One price level: price, total size, number of resting orders.</summary>
public struct BookLevel
{
    public Px Px;
    public Sz Sz;
    public int Count;

    public BookLevel(Px px, Sz sz, int count)
    {
        Px = px;
        Sz = sz;
        Count = count;
    }

    public override readonly string ToString() => $"{Sz}@{Px}({Count})";
}

/// <summary>Up to <see cref="Capacity"/> levels of one side, inline in the event or book (no array, no allocation).</summary>
[InlineArray(Capacity)]
public struct BookLevels
{
    /// <summary>Hyperliquid's l2Book depth: 20 levels a side.</summary>
    public const int Capacity = 20;

    private BookLevel _first;
}
