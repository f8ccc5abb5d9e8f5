using HlScalper.Replay.Data;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>Keeps everything the node readers deliver, in order.</summary>
public sealed class RecordingNodeSink : INodeEventSink
{
    public List<(NodeBlock Block, NodeFileKind Kind)> Lines { get; } = [];
    public List<NodeBookDiff> Diffs { get; } = [];
    public List<NodeFill> Fills { get; } = [];
    public List<NodeOrderStatus> Statuses { get; } = [];

    public void OnLine(in NodeBlock block, NodeFileKind kind) => Lines.Add((block, kind));

    public void OnBookDiff(in NodeBookDiff diff) => Diffs.Add(diff);

    public void OnFill(in NodeFill fill) => Fills.Add(fill);

    public void OnOrderStatus(in NodeOrderStatus status) => Statuses.Add(status);
}
