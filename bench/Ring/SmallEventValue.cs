namespace HlScalper.Bench.Ring;

/// <summary><see cref="SmallEvent.Value"/>, for the generic ring benchmarks.</summary>
public struct SmallEventValue : IEventValue<SmallEvent>
{
    public static ref long Of(ref SmallEvent data) => ref data.Value;
}
