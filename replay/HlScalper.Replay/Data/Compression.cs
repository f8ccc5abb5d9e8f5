namespace HlScalper.Replay.Data;

/// <summary>How a tick file is compressed and what each line holds.</summary>
public enum Compression : byte
{
    None,
    Lz4Frame,
    Gzip,
}
