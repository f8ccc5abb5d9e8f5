using HlScalper.Replay.QueueStudy;
using Parquet;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The study on the real capture: every model scored on the same orders, the table and the Parquet files.</summary>
public class QueueStudyRealDataTests
{
    private static readonly Lazy<QueueStudyResult> Study = new(() =>
        QueueStudyRunner.Run(SharedData.PathOf(NodeCaptureRealDataTests.Directory), "BTC", NodeSource.ByBlock, _ => { }));

    private static QueueStudyResult Result
    {
        get
        {
            SharedData.PathOf(NodeCaptureRealDataTests.Directory);
            return Study.Value;
        }
    }

    [Test]
    public void Every_model_is_scored_on_the_same_orders_and_the_table_shows_them_all()
    {
        var result = Result;
        var scored = result.Truth.Orders.Count(o => ModelScorer.IsScored(o, result.Runs[0].Predictions[o.Index]));
        Assert.That(result.Scores.Select(s => s.Model), Is.EqualTo(QueueModel.All));
        Assert.That(result.Scores.Select(s => s.Orders), Is.All.EqualTo(scored));
        Assert.That(scored, Is.EqualTo(result.Truth.Orders.Count - result.RejectedTwins - result.GoneWithinJoinBlock));
        var table = QueueStudyTable.Text(result);
        TestContext.Out.WriteLine(table);
        foreach (var model in QueueModel.All) Assert.That(table, Does.Contain(model.Name));
    }

    [Test]
    public void No_order_that_joined_in_the_window_filled_so_touch_is_wrong_wherever_it_fills()
    {
        var result = Result;
        var makers = result.Capture.Blocks.SelectMany(b => b.Fills).Where(f => !f.Crossed).Select(f => f.Oid).ToHashSet();
        Assert.That(result.Truth.Orders.Any(o => makers.Contains(o.Oid)), Is.False, "the 11 trades all hit two orders resting since before the snapshot");
        var touch = result.Scores.Single(s => s.Model.Name == "touch");
        Assert.That(touch.RealFills, Is.Zero);
        Assert.That(touch.Accuracy, Is.EqualTo(1.0 - (double)touch.PredictedFills / touch.Orders));
        Assert.That(touch.PredictedFills, Is.GreaterThan(0), "touch fills twins at the touch on any trade at their price");
        Assert.That(result.Scores.Where(s => s.Model.HasQueue).Select(s => s.Accuracy), Is.All.GreaterThanOrEqualTo(touch.Accuracy));
    }

    [Test]
    public void The_recommended_rule_is_the_queue_model_with_the_smallest_touch_error_among_the_most_accurate()
    {
        var result = Result;
        var queue = result.Scores.Where(s => s.Model.HasQueue).ToList();
        var accurate = queue.Where(s => s.Accuracy == queue.Max(q => q.Accuracy)).ToList();
        Assert.That(result.Recommended, Is.SameAs(accurate.MinBy(s => s.TouchMeanAbsError)));
        Assert.That(queue.Sum(s => s.TouchBestShare), Is.EqualTo(1.0).Within(1e-9), "every resample has a winner");
        Assert.That(queue.Select(s => s.TouchSamples).Distinct().Count(), Is.EqualTo(1), "no twin filled, so every queue model is sampled at the same (order, block) pairs");
    }

    [Test]
    public async Task The_parquet_files_hold_one_row_per_model_and_one_per_order_and_model()
    {
        var result = Result;
        using var dir = new TempDirectory();
        await QueueStudyFiles.WriteAsync(result, dir.Path);
        Assert.That(await Rows(dir.File(QueueStudyFiles.ScoresFile)), Is.EqualTo(QueueModel.All.Count));
        Assert.That(await Rows(dir.File(QueueStudyFiles.OrdersFile)), Is.EqualTo(QueueModel.All.Count * result.Truth.Orders.Count));
    }

    private static async Task<long> Rows(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.OpenRowGroupReader(g).RowCount);
    }
}
