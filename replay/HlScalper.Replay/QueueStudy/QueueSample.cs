namespace HlScalper.Replay.QueueStudy;

/// <summary>The exact size ahead of an order in its level's queue at the end of a block.</summary>
public readonly record struct QueueSample(long Block, long TimeMs, long AheadRaw);
