using HlScalper.Engine.Metrics;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Latency;

/// <summary>
/// Tick-to-trade cut into the stages of the live path, each a histogram of its own: wire → published (the feed's I/O thread),
/// wire → the engine thread sees the event, and for every order: engine sees it → decision → frame signed → frame written.
/// </summary>
/// <remarks>
/// Given to a <see cref="LivePipeline"/> only when measuring (the latency harness): without it the path takes none of these stamps.
/// The stamps are <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> values kept in <see cref="TickContext"/> fields (engine thread)
/// and recorded into preallocated HdrHistograms: no allocation. Each histogram has one writer thread: <see cref="WireToPublished"/> the
/// feed's, the others the engine's.
/// </remarks>
public sealed class PipelineStages
{
    /// <summary>Read returned → the codec has parsed the message and published its events (book messages).</summary>
    public LatencyHistogram WireToPublished { get; } = new("stage-wire-to-published");

    /// <summary>Read returned → the engine thread starts handling the event (book events).</summary>
    public LatencyHistogram WireToEngine { get; } = new("stage-wire-to-engine");

    /// <summary>Engine starts handling the causing event → the strategy submits the order (per order).</summary>
    public LatencyHistogram EngineToDecision { get; } = new("stage-engine-to-decision");

    /// <summary>Order submitted → its frame is built, signed and masked, about to be written (per order).</summary>
    public LatencyHistogram DecisionToSigned { get; } = new("stage-decision-to-signed");

    /// <summary>Frame ready → the socket write returned (per order).</summary>
    public LatencyHistogram SignedToWritten { get; } = new("stage-signed-to-written");

    /// <summary>All of them, in path order.</summary>
    public IReadOnlyList<LatencyHistogram> All => [WireToPublished, WireToEngine, EngineToDecision, DecisionToSigned, SignedToWritten];

    /// <summary>Records one order's stages from the context's stamps; engine thread, right after the order's write returned.</summary>
    public void RecordOrder(TickContext context, long decided, long written)
    {
        if (context.HandledTimestamp != 0) EngineToDecision.Record(context.HandledTimestamp, decided);
        // A CancelAll with nothing to cancel signs nothing.
        if (context.SignedTimestamp < decided) return;
        DecisionToSigned.Record(decided, context.SignedTimestamp);
        SignedToWritten.Record(context.SignedTimestamp, written);
    }
}
