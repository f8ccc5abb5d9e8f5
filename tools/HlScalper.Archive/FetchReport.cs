using System.Globalization;

namespace HlScalper.Archive;

/// <summary>The result of a fetch: every file's outcome and the run's figures, with the closing lines a trader reads.</summary>
public sealed class FetchReport(IReadOnlyList<FetchOutcome> outcomes, bool dryRun, long bytesTransferred, int requests, int throttled, int retries, TimeSpan elapsed)
{
    public bool DryRun { get; } = dryRun;

    public IReadOnlyList<FetchOutcome> Outcomes { get; } = outcomes;

    /// <summary>Bytes received in this run (a resumed file counts only what it still needed).</summary>
    public long BytesTransferred { get; } = bytesTransferred;

    /// <summary>HEAD and GET requests sent (each one billed).</summary>
    public int Requests { get; } = requests;

    /// <summary>Requests the server throttled (503 SlowDown, 429) and that were retried.</summary>
    public int Throttled { get; } = throttled;

    public int Retries { get; } = retries;

    public TimeSpan Elapsed { get; } = elapsed;

    public IEnumerable<FetchOutcome> Of(OutcomeKind kind) => Outcomes.Where(o => o.Kind == kind);

    /// <summary>0 when every file is here or missing from the archive (gaps are normal), 1 when any failed.</summary>
    public int ExitCode => Of(OutcomeKind.Failed).Any() ? 1 : 0;

    /// <summary>The closing lines: totals, cost, throughput, then every missing and failed file by name.</summary>
    public IEnumerable<string> Lines(decimal pricePerGb)
    {
        var planned = Of(OutcomeKind.Planned).ToList();
        var present = Of(OutcomeKind.Present).Count();
        if (DryRun)
        {
            foreach (var p in planned) yield return $"would fetch s3://{p.Object.Bucket}/{p.Key}  {p.Size,12:N0} B  ({p.Object.Label})";
            var bytes = planned.Sum(p => p.Size);
            yield return $"dry run: {planned.Count} files to fetch, {bytes:N0} bytes ({FetchProgress.FormatBytes(bytes)}); {present} already here; "
                         + $"{Of(OutcomeKind.Missing).Count()} missing from the archive";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"transfer cost ≈ {TransferCost.Format(TransferCost.Estimate(bytes, planned.Count, pricePerGb))} at ${pricePerGb}/GB plus {planned.Count:N0} GETs "
                + $"(this dry run sent {Requests:N0} HEADs ≈ {TransferCost.Format(TransferCost.Estimate(0, Requests, pricePerGb))}). Prices: {TransferCost.Source}");
        }
        else
        {
            var downloaded = Of(OutcomeKind.Downloaded).ToList();
            var md5 = downloaded.Count(d => d.Verified == PartState.Md5Verified);
            var resumed = downloaded.Count(d => d.ResumedFrom > 0);
            var rate = Elapsed.TotalSeconds > 0 ? BytesTransferred / Elapsed.TotalSeconds : 0;
            yield return $"fetched {downloaded.Count} files ({md5} checked by MD5 = ETag, {downloaded.Count - md5} by size only; {resumed} resumed), "
                         + $"{BytesTransferred:N0} bytes in {FetchProgress.Duration(Elapsed)} = {FetchProgress.FormatBytes((long)rate)}/s; {present} already here";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{Requests:N0} requests, {Throttled} throttled, {Retries} retries; transfer cost ≈ {TransferCost.Format(TransferCost.Estimate(BytesTransferred, Requests, pricePerGb))} at ${pricePerGb}/GB");
        }
        var missing = Of(OutcomeKind.Missing).ToList();
        if (missing.Count > 0)
        {
            yield return $"missing from the archive ({missing.Count}; its hours have gaps and it is uploaded about monthly, so recent days may not be there yet):";
            foreach (var m in missing) yield return $"  {m.Object.Label}  s3://{m.Object.Bucket}/{m.ShownKey}";
        }
        var failed = Of(OutcomeKind.Failed).ToList();
        if (failed.Count > 0)
        {
            yield return $"FAILED ({failed.Count}; run the same command again to retry them):";
            foreach (var f in failed) yield return $"  {f.Object.Label}  s3://{f.Object.Bucket}/{f.ShownKey}: {f.Detail}";
        }
    }
}
