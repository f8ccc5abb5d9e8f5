using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.QueueStudy;

/// <summary>One fill model of <see cref="SimExchange"/> as the study runs it: touch, or the queue model with one cancellation rule.</summary>
/// <param name="Power">The exponent n of <see cref="QueueRule.ProbPower"/>; unused by the other rules.</param>
public sealed record QueueModel(string Name, FillModel Fill, QueueRule Rule, double Power)
{
    /// <summary>Every model the simulated exchange offers, the power rule at the exponents hftbacktest's docs use.</summary>
    public static IReadOnlyList<QueueModel> All { get; } =
    [
        new("touch", FillModel.Touch, QueueRule.RiskAverse, 0),
        new("queue risk-averse", FillModel.Queue, QueueRule.RiskAverse, 0),
        new("queue power n=1", FillModel.Queue, QueueRule.ProbPower, 1),
        new("queue power n=2", FillModel.Queue, QueueRule.ProbPower, 2),
        new("queue power n=3", FillModel.Queue, QueueRule.ProbPower, 3),
        new("queue log", FillModel.Queue, QueueRule.ProbLog, 0),
    ];

    /// <summary>True for the model a default <see cref="SimExchangeConfig"/> runs.</summary>
    public bool IsDefault
    {
        get
        {
            var d = new SimExchangeConfig();
            return Fill == d.Fill && (Fill == FillModel.Touch || (Rule == d.QueueRule && (Rule != QueueRule.ProbPower || Power == d.QueuePower)));
        }
    }

    /// <summary>True when the model keeps a queue position (everything but touch).</summary>
    public bool HasQueue => Fill == FillModel.Queue;

    /// <summary>A simulated exchange of this model with no latency and no fees: orders act at the exact time of the real ones.</summary>
    public SimExchangeConfig Configure(int orders) => new()
    {
        Fill = Fill,
        QueueRule = Rule,
        QueuePower = Power,
        LatencyMs = 0,
        LatencyJitterMs = 0,
        MakerFeeRate = 0,
        TakerFeeRate = 0,
        MaxOpenOrders = orders + 1,
        MaxInFlight = 2 * orders + 16,
    };

    public override string ToString() => Name;
}
