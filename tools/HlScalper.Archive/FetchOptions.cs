namespace HlScalper.Archive;

/// <summary>How a fetch runs: where it writes, how many transfers at once, how it retries.</summary>
public sealed class FetchOptions
{
    public required string OutputDirectory { get; init; }

    /// <summary>Requests in flight at once (HEADs, then downloads).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Retries of one request after throttling, a server error, a broken transfer or a corrupt download.</summary>
    public int Retries { get; init; } = 6;

    /// <summary>The first backoff; each retry doubles it (up to <see cref="RetryCap"/>) and takes a random 50–100 % of it.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryCap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Only find the files and their sizes; download nothing.</summary>
    public bool DryRun { get; init; }
}
