namespace HlScalper.Archive;

/// <summary>The result of <see cref="PartFile.CheckAsync"/>: the state and, when it is not good, why.</summary>
public readonly record struct PartCheck(PartState State, string Detail)
{
    public bool IsComplete => State is PartState.SizeVerified or PartState.Md5Verified;
}
