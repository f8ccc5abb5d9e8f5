namespace HlScalper.Replay.Data;

/// <summary>Where the node readers hand what they read, in file order: the envelope of each line, then its events of the chosen coin.</summary>
public interface INodeEventSink
{
    void OnLine(in NodeBlock block, NodeFileKind kind);

    void OnBookDiff(in NodeBookDiff diff);

    void OnFill(in NodeFill fill);

    void OnOrderStatus(in NodeOrderStatus status);
}
