namespace HlScalper.Replay.Data;

/// <summary>What a raw (per-order) book diff does to one resting order.</summary>
public enum BookDiffKind : byte
{
    /// <summary>The order joins the back of its price level with <c>new.sz</c>.</summary>
    New,

    /// <summary>The order's resting size changes from <c>origSz</c> to <c>newSz</c> (a partial fill), keeping its place.</summary>
    Update,

    /// <summary>The order leaves the book (filled, cancelled or expired).</summary>
    Remove,
}
