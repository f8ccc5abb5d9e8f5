namespace HlScalper.Protocol.Signing.Vectors;

/// <summary>The outcome of one vector: the first field that differs, or none.</summary>
public sealed record VectorResult(string Name, string? Field, string? Expected, string? Actual)
{
    public bool Passed => Field is null;
}
