using System.Runtime.CompilerServices;

namespace HlScalper.Engine.Events;

/// <summary>Up to <see cref="Capacity"/> levels of one side, inline in the event or book (no array, no allocation).</summary>
[InlineArray(Capacity)]
public struct BookLevels
{
    /// <summary>Hyperliquid's l2Book depth: 20 levels a side.</summary>
    public const int Capacity = 20;

    private BookLevel _first;
}
