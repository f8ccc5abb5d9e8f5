namespace HlScalper.Bench.Ring;

/// <summary>The one <c>long</c> of an event the ring benchmarks write and sum, so one benchmark serves every event size.</summary>
public interface IEventValue<T> where T : struct
{
    static abstract ref long Of(ref T data);
}
