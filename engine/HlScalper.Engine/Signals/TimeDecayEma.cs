namespace HlScalper.Engine.Signals;

/// <summary>An exponential moving average decayed by elapsed event time, not by event count, so a burst of updates weighs no more than a quiet second.</summary>
public struct TimeDecayEma(double timeConstantMs)
{
    private long _lastMs;

    public double Value { get; private set; }

    public bool HasValue { get; private set; }

    /// <summary>Folds in <paramref name="x"/> observed at <paramref name="timeMs"/>: weight 1 − e^(−Δt/τ); an out-of-order time counts as Δt = 0.</summary>
    public void Update(double x, long timeMs)
    {
        if (!HasValue)
        {
            Value = x;
            _lastMs = timeMs;
            HasValue = true;
            return;
        }
        var dt = timeMs - _lastMs;
        if (dt <= 0) return;
        var alpha = 1 - Math.Exp(-dt / timeConstantMs);
        Value += alpha * (x - Value);
        _lastMs = timeMs;
    }

    public void Reset() => HasValue = false;
}
