namespace HlScalper.Replay.Sweep;

/// <summary>One walk-forward step: rank the grid on [<see cref="TrainFromMs"/>, <see cref="TrainToMs"/>), then trade the winner on [<see cref="TestFromMs"/>, <see cref="TestToMs"/>); exchange time, Unix ms.</summary>
public readonly record struct WalkForwardFold(int Number, long TrainFromMs, long TrainToMs, long TestFromMs, long TestToMs);
