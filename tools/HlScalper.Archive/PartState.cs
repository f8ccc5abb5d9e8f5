namespace HlScalper.Archive;

/// <summary>What a part file holds compared with the object it is a download of.</summary>
public enum PartState
{
    /// <summary>Fewer bytes than the object: resume it.</summary>
    Short,

    /// <summary>More bytes than the object, or an MD5 other than the ETag: delete it and download again.</summary>
    Corrupt,

    /// <summary>Right size; the ETag is not an MD5 (a multipart upload), so the size is all that can be checked.</summary>
    SizeVerified,

    /// <summary>Right size and the MD5 equals the ETag.</summary>
    Md5Verified,
}
