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
