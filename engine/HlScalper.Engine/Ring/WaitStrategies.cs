namespace HlScalper.Engine.Ring;

/// <summary>Wait strategies by the names the command line uses.</summary>
public static class WaitStrategies
{
    public static readonly string[] Names = ["busyspin", "yielding", "sleeping", "blocking"];

    public static IWaitStrategy Create(string name) => name switch
    {
        "busyspin" => new BusySpinWaitStrategy(),
        "yielding" => new YieldingWaitStrategy(),
        "sleeping" => new SleepingWaitStrategy(),
        "blocking" => new BlockingWaitStrategy(),
        _ => throw new ArgumentException($"unknown wait strategy '{name}' (expected {string.Join(", ", Names)})"),
    };
}
