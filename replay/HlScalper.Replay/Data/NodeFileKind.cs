namespace HlScalper.Replay.Data;

/// <summary>Which of the node's per-block outputs a file holds (<c>node_&lt;kind&gt;_by_block</c> or <c>node_&lt;kind&gt;_streaming</c>).</summary>
public enum NodeFileKind : byte
{
    OrderStatuses,
    RawBookDiffs,
    Fills,
}
