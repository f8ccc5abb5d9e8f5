namespace HlScalper.Replay.Gate;

/// <summary>The nightly gate's answer.</summary>
public enum GateOutcome
{
    Pass,
    Fail,
}
