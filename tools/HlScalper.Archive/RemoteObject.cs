namespace HlScalper.Archive;

/// <summary>An archive file as the server describes it: the key it was found under, its size and ETag.</summary>
public sealed record RemoteObject(ArchiveObject Source, string Key, long Size, string ETag)
{
    /// <summary>The ETag is the MD5 of the content only for objects uploaded in one part (32 hex digits, no <c>-N</c> suffix).</summary>
    public bool ETagIsMd5 => Md5Hex is not null;

    /// <summary>The ETag without quotes when it is an MD5, else null.</summary>
    public string? Md5Hex
    {
        get
        {
            var hex = ETag.Trim('"');
            return hex.Length == 32 && hex.All(char.IsAsciiHexDigit) ? hex.ToLowerInvariant() : null;
        }
    }
}
