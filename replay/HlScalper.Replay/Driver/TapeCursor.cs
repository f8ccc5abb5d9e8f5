using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>One reader of a <see cref="Tape"/>, from its first event to its last.</summary>
public abstract class TapeCursor : IDisposable
{
    /// <summary>The next event, valid until the next call; a null reference (<see cref="System.Runtime.CompilerServices.Unsafe.IsNullRef{T}(ref readonly T)"/>) at the end.</summary>
    /// <exception cref="Data.TickDataException">A compact file found damaged while reading.</exception>
    public abstract ref readonly MarketEvent Next();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
