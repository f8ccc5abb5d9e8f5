using System.Security.Cryptography;

namespace HlScalper.Archive;

/// <summary>
/// The download in progress beside its final file: <c>BTC.lz4.part-&lt;etag&gt;</c>. The ETag in the name ties the
/// bytes to one version of the object, so a resumed download never splices two versions together; the
/// final name appears only after the size (and, for single-part objects, the MD5) matched.
/// </summary>
public static class PartFile
{
    private const string Marker = ".part-";

    public static string PathFor(string finalPath, string etag) => finalPath + Marker + Sanitize(etag);

    /// <summary>True for a name this class makes (a reader of a fetched tree must skip these).</summary>
    public static bool IsPart(string path) => Path.GetFileName(path).Contains(Marker, StringComparison.Ordinal);

    /// <summary>Deletes part files of <paramref name="finalPath"/> for other versions of the object than <paramref name="keep"/>.</summary>
    public static void RemoveStale(string finalPath, string keep)
    {
        var directory = Path.GetDirectoryName(finalPath)!;
        if (!Directory.Exists(directory)) return;
        foreach (var path in Directory.EnumerateFiles(directory, Path.GetFileName(finalPath) + Marker + "*"))
            if (path != keep) File.Delete(path);
    }

    /// <summary>Checks a complete-looking part file against the object: its length, then its MD5 where the ETag is one.</summary>
    public static async Task<PartCheck> CheckAsync(string path, RemoteObject remote, CancellationToken cancel)
    {
        var length = new FileInfo(path).Length;
        if (length < remote.Size) return new PartCheck(PartState.Short, $"{length:N0} of {remote.Size:N0} bytes");
        if (length > remote.Size) return new PartCheck(PartState.Corrupt, $"{length:N0} bytes where the object has {remote.Size:N0}");
        if (remote.Md5Hex is not { } expected) return new PartCheck(PartState.SizeVerified, "");
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var actual = Convert.ToHexStringLower(await MD5.HashDataAsync(file, cancel));
        return actual == expected
            ? new PartCheck(PartState.Md5Verified, "")
            : new PartCheck(PartState.Corrupt, $"MD5 {actual} is not the ETag {expected}");
    }

    private static string Sanitize(string etag) =>
        string.Concat(etag.Trim('"').Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
}
