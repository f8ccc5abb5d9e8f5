namespace HlScalper.Replay.QueueStudy;

/// <summary>Which of a capture's two archives to read: they hold the same events, written by two nodes.</summary>
public enum NodeSource : byte
{
    /// <summary><c>by_block_*.tar.gz</c>: one line per block.</summary>
    ByBlock,

    /// <summary><c>streaming_*.tar.gz</c>: one line per event.</summary>
    Streaming,
}
