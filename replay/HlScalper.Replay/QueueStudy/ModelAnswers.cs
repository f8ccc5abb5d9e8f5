using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Turns what the simulated exchange answers (order updates, fills) into a <see cref="ModelPrediction"/> per hypothetical order.</summary>
/// <remarks>Hypothetical order i carries cloid (0, i + 1), so every answer finds its order without a lookup table.</remarks>
public sealed class ModelAnswers
{
    private readonly ModelPrediction[] _predictions;
    private readonly Dictionary<long, int> _bySimOid = [];
    private MarketEvent _scratch;

    public ModelAnswers(int orders)
    {
        _predictions = new ModelPrediction[orders];
        Array.Fill(_predictions, new ModelPrediction(OrderStatus.Unknown, -1, -1, 0, 0));
    }

    public IReadOnlyList<ModelPrediction> Predictions => _predictions;

    public static Cloid CloidOf(int order) => new(0, (ulong)order + 1);

    /// <summary>The order the exchange knows as <paramref name="simOid"/>; -1 when it never opened.</summary>
    public int OrderOf(long simOid) => _bySimOid.GetValueOrDefault(simOid, -1);

    /// <summary>Records the visible size the model put ahead of <paramref name="order"/> when it opened.</summary>
    public void SetQueueAtPlacement(int order, double aheadRaw) => _predictions[order] = _predictions[order] with { QueueAtPlacementRaw = aheadRaw };

    public Sink AsSink() => new(this);

    private void Publish()
    {
        ref readonly var e = ref _scratch;
        var order = (long)e.Cloid.Lo - 1;
        if (e.Cloid.Hi != 0 || order < 0 || order >= _predictions.Length) return;
        ref var p = ref _predictions[order];
        if (e.Kind == EventKind.Fill)
        {
            p = p with { FirstFillTimeMs = p.Filled ? p.FirstFillTimeMs : e.ExchangeTimeMs, FilledRaw = p.FilledRaw + e.Sz.Raw };
            return;
        }
        if (e.Kind != EventKind.OrderUpdate || p.Answer != OrderStatus.Unknown) return;
        p = p with { Answer = e.Status, PlacedTimeMs = e.ExchangeTimeMs };
        if (e.Status == OrderStatus.Open) _bySimOid[e.Oid] = (int)order;
    }

    /// <summary>The struct sink the simulated exchange writes into.</summary>
    public readonly struct Sink(ModelAnswers answers) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref answers._scratch;

        public void Publish() => answers.Publish();
    }
}
