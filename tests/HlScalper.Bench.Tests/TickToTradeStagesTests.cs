using HlScalper.Bench.Latency;

namespace HlScalper.Bench.Tests;

/// <summary>The tick-to-trade harness over the real live pipeline cuts every order into stages that add up inside its tick-to-trade.</summary>
[CancelAfter(120_000)]
public class TickToTradeStagesTests
{
    [Test]
    public async Task Every_order_is_cut_into_engine_decision_signed_and_written_stages_that_each_fit_inside_its_tick_to_trade()
    {
        var output = Directory.CreateTempSubdirectory("t2t-");
        try
        {
            var result = await TickToTradeHarness.RunAsync(new TickToTradeOptions { Ticks = 3_000, Rate = 10_000, OutputDirectory = output.FullName },
                TestContext.Progress.WriteLine, CancellationToken.None);
            var tickToTrade = result.Histograms.Single(h => h.Name == "tick-to-trade");
            var stages = result.Stages.ToDictionary(h => h.Name);

            Assert.Multiple(() =>
            {
                Assert.That(tickToTrade.Count, Is.GreaterThan(0), "the strategy sent orders in the measured window");
                // One engine → decision sample per order timed; signing and writing once per frame (a CancelAll of nothing has none).
                Assert.That(stages["stage-engine-to-decision"].Count, Is.EqualTo(tickToTrade.Count));
                Assert.That(stages["stage-decision-to-signed"].Count, Is.EqualTo(stages["stage-signed-to-written"].Count));
                Assert.That(stages["stage-decision-to-signed"].Count, Is.InRange(1, tickToTrade.Count));
                // Every book handled in the measured window was published first, and both sides saw the same books.
                Assert.That(stages["stage-wire-to-engine"].Count, Is.EqualTo(stages["stage-wire-to-published"].Count));
                Assert.That(stages["stage-wire-to-engine"].Count, Is.InRange(3_000 - 300, 3_000), "every measured tick (after the 10 % warm-up; a tick read late may join them)");
                // Each per-order stage is a piece of [wire, written]: none can be longer than the longest whole.
                foreach (var name in new[] { "stage-engine-to-decision", "stage-decision-to-signed", "stage-signed-to-written" })
                    Assert.That(stages[name].MaxMicros, Is.LessThanOrEqualTo(tickToTrade.MaxMicros), name);
                Assert.That(result.Files, Has.Some.EndsWith("stage-signed-to-written.hgrm"));
            });
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
