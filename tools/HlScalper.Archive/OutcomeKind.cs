namespace HlScalper.Archive;

/// <summary>What became of one wanted file.</summary>
public enum OutcomeKind
{
    /// <summary>Downloaded and verified in this run.</summary>
    Downloaded,

    /// <summary>Already in the output directory: not requested again.</summary>
    Present,

    /// <summary>The archive has no such file (404): a gap in the archive.</summary>
    Missing,

    /// <summary>Could not be downloaded (corrupt on every attempt, retries exhausted, another error).</summary>
    Failed,

    /// <summary>Dry run: found, with its size, and not downloaded.</summary>
    Planned,
}
