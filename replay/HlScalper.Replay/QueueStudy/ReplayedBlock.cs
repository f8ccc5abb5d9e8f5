namespace HlScalper.Replay.QueueStudy;

/// <summary>A block as replayed: its number and time, and how many trades it printed.</summary>
public readonly record struct ReplayedBlock(long Number, long TimeMs, int Trades);
