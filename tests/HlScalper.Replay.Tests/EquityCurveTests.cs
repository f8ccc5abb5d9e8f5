using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Metrics;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

public class EquityCurveTests
{
    private const long Minute = TradeLedger.SampleIntervalMs;

    /// <summary>A step to the next point: 0 = one sample step later (may join a run), else that many ms later (never on the step); its equity from a few values, so runs form.</summary>
    private static readonly Gen<(int Late, int Equity)[]> Steps = Gen.Select(Gen.Int[0, 3].Select(k => k == 3 ? 7_919 : 0), Gen.Int[-2, 2]).Array[0, 200];

    private static List<EquityPoint> Points((int Late, int Equity)[] steps)
    {
        var points = new List<EquityPoint>();
        var time = 1_700_000_000_000L;
        foreach (var (late, equity) in steps)
        {
            time += late == 0 ? Minute : late;
            points.Add(new EquityPoint(time, equity * Usd));
        }
        return points;
    }

    [Test]
    public void Read_as_a_list_the_curve_is_the_points_it_was_given_and_its_shape_is_theirs()
    {
        Steps.Sample(steps =>
        {
            var points = Points(steps);
            var curve = new EquityCurve(runCapacity: 1);
            foreach (var p in points) curve.Add(p);
            Assert.That(curve, Is.EqualTo(points), "enumerated");
            Assert.That(curve, Has.Count.EqualTo(points.Count));
            for (var i = 0; i < points.Count; i++) Assert.That(curve[i], Is.EqualTo(points[i]), $"point {i}");
            Assert.That(curve.RunCount, Is.LessThanOrEqualTo(points.Count));
            // The curve is read a run at a time, the list a point at a time: the two paths must agree to the last bit.
            Assert.That(EquityShape.Of(curve), Is.EqualTo(EquityShape.Of(points)));
            Assert.That(BacktestSummary.SharpeOf(curve), Is.EqualTo(BacktestSummary.SharpeOf(points)));
            Assert.That(BacktestSummary.MaxDrawdownOf(curve), Is.EqualTo(BacktestSummary.MaxDrawdownOf(points)));
        });
    }

    [Test]
    public void Equal_points_a_step_apart_share_a_run_and_any_other_point_starts_one()
    {
        var curve = new EquityCurve();
        curve.Add(new EquityPoint(0, 5));
        curve.Add(new EquityPoint(Minute, 5));
        curve.Add(new EquityPoint(2 * Minute, 5));
        Assert.That(curve.RunCount, Is.EqualTo(1));
        curve.Add(new EquityPoint(2 * Minute + 1, 5));
        Assert.That(curve.RunCount, Is.EqualTo(2), "equal, but off the step");
        curve.Add(new EquityPoint(3 * Minute + 1, 6));
        Assert.That(curve.RunCount, Is.EqualTo(3), "on the step, but another value");
        Assert.That(curve.RunAt(0), Is.EqualTo((5L, 3)));
        Assert.That(() => curve[5], Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => curve[-1], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_day_without_events_costs_the_ledger_a_run_not_a_point_a_minute()
    {
        var ledger = new TradeLedger(1);
        ledger.OnMark(0, 100 * Usd, 0);
        ledger.OnFill(0, Side.Buy, 100 * Usd, 100_000_000, 0, 0, 0, IntentReason.Entry);
        ledger.OnMark(0, 101 * Usd, 30_000);
        ledger.OnMark(0, 101 * Usd, 86_400_000 + 30_000);
        ledger.Finish();
        Assert.That(ledger.Equity, Has.Count.EqualTo(1 + 1_440 + 1), "the start, a sample each minute of the day, the end");
        Assert.That(ledger.Equity.RunCount, Is.EqualTo(3), "the start at 0, the day's minutes at +1, the end (off the minute step)");
        var points = ledger.Equity.ToList();
        Assert.That(points[1_000], Is.EqualTo(new EquityPoint(1_000 * Minute, 1 * Usd)));
        Assert.That(points[^1], Is.EqualTo(new EquityPoint(86_430_000, 1 * Usd)));
        Assert.That(BacktestSummary.SharpeOf(ledger.Equity), Is.EqualTo(BacktestSummary.SharpeOf(points)));
    }

    [Test]
    public void The_chart_outline_drops_exactly_the_points_between_two_of_the_same_value()
    {
        Steps.Sample(steps =>
        {
            var points = Points(steps);
            var outline = Reports.EquityChart.Outline(points);
            var kept = points.Where((p, i) => i == 0 || i == points.Count - 1 || !(points[i - 1].EquityRaw == p.EquityRaw && p.EquityRaw == points[i + 1].EquityRaw));
            Assert.That(outline, Is.EqualTo(kept));
        });
        var flat = Enumerable.Range(0, 1_440).Select(m => new EquityPoint(m * Minute, 7)).ToList();
        Assert.That(Reports.EquityChart.Outline(flat), Is.EqualTo(new[] { flat[0], flat[^1] }), "a flat day is one segment");
    }
}
