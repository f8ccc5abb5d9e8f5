using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>The engine side of a replay: a sink into the engine's ring plus a way to wait until the engine has handled everything published.</summary>
public interface IReplayEngine : IMarketEventSink
{
    /// <summary>Exchange time of the oldest event published since the last <see cref="Sync"/>; <see cref="long.MaxValue"/> when the engine is caught up.</summary>
    long OldestUnsyncedMs { get; }

    /// <summary>Events published into the engine so far.</summary>
    long Published { get; }

    /// <summary>Blocks until the engine has handled every published event (so whatever it submitted is visible).</summary>
    void Sync();
}
