using HlScalper.Engine.Events;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Gathers what the node readers deliver into blocks (by block number, whatever the file order: by-block and streaming files both work).</summary>
public sealed class NodeCaptureBuilder : INodeEventSink
{
    private readonly Dictionary<long, CaptureBlock> _blocks = [];
    private readonly Dictionary<OrderStatus, long> _statuses = [];
    private long _timeConflicts;

    public void OnLine(in NodeBlock block, NodeFileKind kind) => BlockOf(in block);

    public void OnBookDiff(in NodeBookDiff diff) => BlockOf(diff.Block).Diffs.Add(diff);

    public void OnFill(in NodeFill fill) => BlockOf(fill.Block).Fills.Add(fill);

    public void OnOrderStatus(in NodeOrderStatus status) => _statuses[status.Status] = _statuses.GetValueOrDefault(status.Status) + 1;

    /// <summary>The capture: blocks after the snapshot's height in block order (earlier blocks are already in the snapshot and are dropped).</summary>
    public NodeCapture Build(L4Snapshot snapshot, IReadOnlyList<NodeFileReport> files)
    {
        var blocks = _blocks.Values.Where(b => b.Number > snapshot.Height).OrderBy(b => b.Number).ToList();
        var missing = blocks.Count == 0 ? 0 : blocks[^1].Number - blocks[0].Number + 1 - blocks.Count;
        return new NodeCapture(snapshot, blocks, new Dictionary<OrderStatus, long>(_statuses), files, _blocks.Count - blocks.Count, missing, _timeConflicts);
    }

    private CaptureBlock BlockOf(in NodeBlock block)
    {
        if (_blocks.TryGetValue(block.Number, out var known))
        {
            if (known.BlockTimeNs != block.BlockTimeNs) _timeConflicts++;
            return known;
        }
        return _blocks[block.Number] = new CaptureBlock(block.Number, block.BlockTimeNs);
    }
}
