using HlScalper.Engine.Numbers;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.QueueStudy;

/// <summary>How often each queue model has the lowest mean absolute touch error when the orders are resampled with replacement.</summary>
/// <remarks>
/// Samples of one order (one per block it rests) are far from independent, so the resampling unit is the
/// order, not the sample. A share near 1 means the ranking holds whichever orders the capture happened to
/// catch; shares spread over several models mean the capture cannot tell them apart. Seeded: the same runs
/// give the same shares.
/// </remarks>
public static class OrderBootstrap
{
    public const int Resamples = 2000;

    /// <summary>Per run (aligned with <paramref name="runs"/>): the share of resamples it wins; NaN for models without a queue. Ties share the win.</summary>
    public static double[] BestShares(IReadOnlyList<ModelRun> runs, ulong seed = 1)
    {
        var shares = new double[runs.Count];
        Array.Fill(shares, double.NaN);
        var competing = Enumerable.Range(0, runs.Count).Where(r => runs[r].Model.HasQueue).ToArray();
        if (competing.Length == 0) return shares;

        // Only (order, block) pairs every model sampled: a twin that filled early stops being sampled, and
        // comparing sums over different samples would favour it. Then per model and order the sum of absolute
        // errors; with the same samples for every model the smallest total in a resample is the smallest mean.
        var touch = competing.Select(r => runs[r].QueueErrors.Where(e => e.AtTouch).ToDictionary(e => (e.Order, e.Block), e => Math.Abs(e.ErrorRaw) / Fixed8.Scale)).ToArray();
        var common = touch[0].Keys.Where(k => touch.All(t => t.ContainsKey(k))).ToArray();
        var orders = common.Select(k => k.Order).Distinct().Order().ToArray();
        if (orders.Length == 0) return shares;
        var column = orders.Select((order, i) => (order, i)).ToDictionary(p => p.order, p => p.i);
        var sums = new double[competing.Length, orders.Length];
        for (var m = 0; m < competing.Length; m++)
            foreach (var key in common)
                sums[m, column[key.Order]] += touch[m][key];

        var random = new SplitMix64(seed);
        var wins = new double[competing.Length];
        var totals = new double[competing.Length];
        for (var b = 0; b < Resamples; b++)
        {
            Array.Clear(totals);
            for (var k = 0; k < orders.Length; k++)
            {
                var pick = (int)random.NextLong(orders.Length);
                for (var m = 0; m < competing.Length; m++) totals[m] += sums[m, pick];
            }
            var best = totals.Min();
            var tied = totals.Count(t => t == best);
            for (var m = 0; m < competing.Length; m++)
                if (totals[m] == best) wins[m] += 1.0 / tied;
        }
        for (var m = 0; m < competing.Length; m++) shares[competing[m]] = wins[m] / Resamples;
        return shares;
    }
}
