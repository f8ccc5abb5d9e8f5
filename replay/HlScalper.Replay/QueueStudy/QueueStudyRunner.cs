namespace HlScalper.Replay.QueueStudy;

/// <summary>The whole study: load a node capture, replay it through the exact FIFO book, run every queue model on its L2 view, score them.</summary>
public static class QueueStudyRunner
{
    public static QueueStudyResult Run(string directory, string coin, NodeSource source, Action<string> log, CancellationToken cancel = default)
    {
        var capture = NodeCaptureLoader.Load(directory, coin, source, log, cancel);
        log($"replaying {capture.Blocks.Count} blocks through the FIFO book ({capture.Snapshot.Bids.Count + capture.Snapshot.Asks.Count} snapshot orders)");
        var truth = L4Replay.Run(capture, cancel);
        var runs = new List<ModelRun>();
        foreach (var model in QueueModel.All)
        {
            log($"running {model.Name} on {truth.Orders.Count} twins");
            runs.Add(ModelRunner.Run(model, truth, cancel));
        }
        var shares = OrderBootstrap.BestShares(runs);
        var scores = runs.Select((run, i) => ModelScorer.Score(truth, run) with { TouchBestShare = shares[i] }).ToList();
        return new QueueStudyResult(capture, truth, runs, scores);
    }
}
