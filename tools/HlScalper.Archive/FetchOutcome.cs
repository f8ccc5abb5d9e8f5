namespace HlScalper.Archive;

/// <summary>What became of one wanted file: the key it was found under, its local path and size, how it was verified, and why when it failed.</summary>
public sealed record FetchOutcome(ArchiveObject Object, OutcomeKind Kind, string? Key = null, string? LocalPath = null, long Size = 0, long ResumedFrom = 0,
    PartState Verified = PartState.Short, string Detail = "")
{
    /// <summary>The first key tried, for messages about a file that has no key of its own (missing).</summary>
    public string ShownKey => Key ?? Object.Keys[0];
}
