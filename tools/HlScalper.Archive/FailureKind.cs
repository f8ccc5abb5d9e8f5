namespace HlScalper.Archive;

/// <summary>What went wrong with one request, as far as retrying is concerned.</summary>
internal enum FailureKind
{
    /// <summary>404: the archive has no such file (its hours have gaps).</summary>
    NotFound,

    /// <summary>403: credentials refused, or requester-pays not acknowledged; fatal for the run.</summary>
    Forbidden,

    /// <summary>No credentials in the standard chain; fatal.</summary>
    NoCredentials,

    /// <summary>Signed for another region than the bucket's; fatal, with the right region when S3 names it.</summary>
    WrongRegion,

    /// <summary>503 SlowDown, 429 and the like: retried with backoff, counted.</summary>
    Throttled,

    /// <summary>5xx, a reset connection, a timeout, a body cut short: retried (a partial body resumes).</summary>
    Transient,

    /// <summary>412: the object changed since its size and ETag were read; read them again.</summary>
    Changed,

    /// <summary>Anything else: this file fails, the others go on.</summary>
    Other,
}
