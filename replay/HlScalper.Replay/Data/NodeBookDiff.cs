using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data;

/// <summary>One <c>node_raw_book_diffs</c> event: an L4 change to one order.</summary>
/// <param name="SizeRaw">The resting size after the diff: <c>new.sz</c>, <c>update.newSz</c>, or 0 for a remove.</param>
/// <param name="OrigSizeRaw">The size before an <see cref="BookDiffKind.Update"/> (<c>origSz</c>); 0 otherwise.</param>
public readonly record struct NodeBookDiff(NodeBlock Block, long Oid, Side Side, long PxRaw, BookDiffKind Kind, long SizeRaw, long OrigSizeRaw);
