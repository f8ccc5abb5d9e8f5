using System.Net;

namespace HlScalper.Archive;

/// <summary>
/// Fetches archive files in parallel into a tree shaped like the bucket: what is already there is not
/// requested; the rest is found with HEAD (404 = a gap, listed at the end), then downloaded into a part
/// file that a later run resumes with a ranged GET, verified by size and ETag, and only then renamed.
/// Throttling, server errors and broken transfers are retried with exponential backoff and jitter; a 403
/// or missing credentials stop the run, since every other file would meet them too.
/// </summary>
public sealed class ArchiveFetcher(ArchiveStore store, FetchOptions options, FetchProgress progress, Action<string> log)
{
    private int _requests;
    private int _throttled;
    private int _retries;
    private long _transferred;

    public async Task<FetchReport> RunAsync(IReadOnlyList<ArchiveObject> objects, CancellationToken cancel)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancel };
        var outcomes = new FetchOutcome[objects.Count];
        var remotes = new RemoteObject?[objects.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Count), parallel, async (i, ct) =>
        {
            if (Present(objects[i]) is { } present) outcomes[i] = present;
            else if (await FindAsync(objects[i], ct) is { } remote) remotes[i] = remote;
            else outcomes[i] = new FetchOutcome(objects[i], OutcomeKind.Missing);
        });

        var started = DateTime.UtcNow;
        if (options.DryRun)
        {
            for (var i = 0; i < objects.Count; i++)
                if (remotes[i] is { } r) outcomes[i] = new FetchOutcome(r.Source, OutcomeKind.Planned, r.Key, Size: r.Size);
            return Report(outcomes, started);
        }

        var pending = Enumerable.Range(0, objects.Count).Where(i => remotes[i] is not null).ToList();
        progress.Start(pending.Sum(i => remotes[i]!.Size - ResumableBytes(remotes[i]!)), pending.Count);
        started = DateTime.UtcNow;
        await Parallel.ForEachAsync(pending, parallel, async (i, ct) =>
        {
            outcomes[i] = await DownloadAsync(remotes[i]!, ct);
            progress.FileDone();
        });
        return Report(outcomes, started);
    }

    private FetchReport Report(FetchOutcome[] outcomes, DateTime started) =>
        new(outcomes, options.DryRun, Interlocked.Read(ref _transferred), _requests, _throttled, _retries, DateTime.UtcNow - started);

    private FetchOutcome? Present(ArchiveObject source)
    {
        foreach (var key in source.Keys)
        {
            var path = ArchiveObject.LocalPath(options.OutputDirectory, key);
            if (File.Exists(path)) return new FetchOutcome(source, OutcomeKind.Present, key, path, new FileInfo(path).Length);
        }
        return null;
    }

    /// <summary>The first of the object's keys the archive has, or null when it has none (a gap).</summary>
    private async Task<RemoteObject?> FindAsync(ArchiveObject source, CancellationToken cancel)
    {
        foreach (var key in source.Keys)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Interlocked.Increment(ref _requests);
                    return await store.HeadAsync(source, key, cancel);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    var kind = S3Failure.Classify(e);
                    if (kind == FailureKind.NotFound) break;
                    ThrowIfFatal(kind, e, source.Bucket, key);
                    if (kind is not (FailureKind.Throttled or FailureKind.Transient) || attempt >= options.Retries)
                        throw new ArchiveAccessException($"s3://{source.Bucket}/{key}: {S3Failure.Short(e)} (after {attempt + 1} attempts)", e);
                    await BackOff(kind, attempt, source.Label, e, cancel);
                }
            }
        }
        return null;
    }

    private async Task<FetchOutcome> DownloadAsync(RemoteObject remote, CancellationToken cancel)
    {
        var final = ArchiveObject.LocalPath(options.OutputDirectory, remote.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var resumedFrom = -1L;
        for (var attempt = 0; ; attempt++)
        {
            var part = PartFile.PathFor(final, remote.ETag);
            PartFile.RemoveStale(final, keep: part);
            try
            {
                var offset = File.Exists(part) ? new FileInfo(part).Length : 0;
                if (resumedFrom < 0) resumedFrom = offset;
                if (offset < remote.Size) await ReceiveAsync(remote, part, offset, cancel);
                var check = await PartFile.CheckAsync(part, remote, cancel);
                if (check.IsComplete)
                {
                    File.Move(part, final, overwrite: true);
                    return new FetchOutcome(remote.Source, OutcomeKind.Downloaded, remote.Key, final, remote.Size, resumedFrom, check.State);
                }
                if (check.State == PartState.Corrupt)
                {
                    File.Delete(part);
                    progress.AddTotal(remote.Size);
                }
                if (attempt >= options.Retries)
                    return Failed(remote, $"{(check.State == PartState.Corrupt ? "corrupt download" : "incomplete download")}: {check.Detail} (after {attempt + 1} attempts; the part file was {(check.State == PartState.Corrupt ? "removed" : "kept for the next run")})");
                log($"{remote.Source.Label}: {(check.State == PartState.Corrupt ? "corrupt download" : "transfer ended early")} ({check.Detail}); retrying");
                Interlocked.Increment(ref _retries);
                await Task.Delay(Backoff(attempt), cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                var kind = S3Failure.Classify(e);
                ThrowIfFatal(kind, e, remote.Source.Bucket, remote.Key);
                switch (kind)
                {
                    case FailureKind.NotFound:
                        return new FetchOutcome(remote.Source, OutcomeKind.Missing, remote.Key);
                    case FailureKind.Changed when attempt < options.Retries:
                        // Another version was uploaded since the HEAD: its part file (named by ETag) starts afresh.
                        log($"{remote.Source.Label}: the object changed during the fetch; starting it again");
                        remote = await FindAsync(remote.Source, cancel) ?? remote;
                        continue;
                    case FailureKind.Throttled or FailureKind.Transient when attempt < options.Retries:
                        await BackOff(kind, attempt, remote.Source.Label, e, cancel);
                        continue;
                    default:
                        return Failed(remote, $"{S3Failure.Short(e)} (after {attempt + 1} attempts)");
                }
            }
        }
    }

    /// <summary>Appends the object's bytes from <paramref name="offset"/> to the part file; the part is locked so a second fetch of the same tree cannot write into it too.</summary>
    private async Task ReceiveAsync(RemoteObject remote, string part, long offset, CancellationToken cancel)
    {
        Interlocked.Increment(ref _requests);
        using var response = await store.GetAsync(remote, offset, cancel);
        await using var file = new FileStream(part, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        // A server that ignores the range sends the whole object: start the part again.
        if (offset > 0 && response.HttpStatusCode != HttpStatusCode.PartialContent) offset = 0;
        file.SetLength(offset);
        file.Position = offset;
        var buffer = new byte[1 << 16];
        await using var body = response.ResponseStream;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancel)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancel);
                progress.AddBytes(read);
                Interlocked.Add(ref _transferred, read);
            }
        }
        catch (Exception e) when (S3Failure.IsHashMismatch(e))
        {
            // The SDK checks a whole object's MD5 at its last read, after every byte is written: the part
            // file's own check that follows says what is wrong, for ranged resumes the SDK cannot check too.
        }
    }

    private long ResumableBytes(RemoteObject remote)
    {
        var part = PartFile.PathFor(ArchiveObject.LocalPath(options.OutputDirectory, remote.Key), remote.ETag);
        return File.Exists(part) ? Math.Min(remote.Size, new FileInfo(part).Length) : 0;
    }

    private static FetchOutcome Failed(RemoteObject remote, string detail) => new(remote.Source, OutcomeKind.Failed, remote.Key, Size: remote.Size, Detail: detail);

    private static void ThrowIfFatal(FailureKind kind, Exception e, string bucket, string key)
    {
        if (kind is FailureKind.Forbidden or FailureKind.NoCredentials or FailureKind.WrongRegion)
            throw new ArchiveAccessException(S3Failure.Explain(kind, e, bucket, key), e);
    }

    private async Task BackOff(FailureKind kind, int attempt, string label, Exception e, CancellationToken cancel)
    {
        var delay = Backoff(attempt);
        if (kind == FailureKind.Throttled) Interlocked.Increment(ref _throttled);
        Interlocked.Increment(ref _retries);
        log($"{label}: {(kind == FailureKind.Throttled ? "throttled" : "failed")} ({S3Failure.Short(e)}); retry {attempt + 1}/{options.Retries} in {FetchProgress.Duration(delay)}");
        await Task.Delay(delay, cancel);
    }

    /// <summary>Exponential backoff with jitter: base·2^attempt capped, times a random 0.5–1 so parallel downloads do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(options.RetryCap.TotalMilliseconds, options.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
