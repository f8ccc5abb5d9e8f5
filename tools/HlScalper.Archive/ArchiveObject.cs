namespace HlScalper.Archive;

/// <summary>One file wanted from the archive: the keys it may be stored under (tried in order) and a label for messages.</summary>
public sealed record ArchiveObject(string Bucket, IReadOnlyList<string> Keys, string Label)
{
    /// <summary>Where the file under <paramref name="key"/> lives below <paramref name="root"/>: the bucket's own path, so a fetched tree looks like the archive.</summary>
    public static string LocalPath(string root, string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
}
