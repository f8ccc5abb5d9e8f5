using HlScalper.Replay.QueueStudy;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper queue-study</c>: scores the back-tester's fill models against a node capture of real per-order data.</summary>
public sealed class QueueStudyCommand : ICommand
{
    public string Name => "queue-study";

    public string Summary => "score the fill models (touch, queue rules) against real per-order (L4) node data";

    public string Help => $"""
        hlscalper queue-study DIR [--coin C] [--source by-block|streaming] [--out DIR] [--markdown]

        DIR is a node capture: one snapshot_<height>.json[.gz] (the full L4 book) and a by_block_*.tar.gz
        or streaming_*.tar.gz of the node's hl/data tree (order statuses, raw book diffs, fills), as in
        ../shared/data/hyperliquid/node_l4_btc_20260505. The capture is replayed through an exact FIFO
        book: for every order that joins, the size ahead of it when it joined and after every block, and
        whether and when it filled. The same market at block resolution (top 20 levels a side + trades)
        drives the simulated exchange once per model (touch; queue with the risk-averse, power n=1/2/3
        and log rules), with a twin of every real order placed at its time, price and size.

        Prints, per model: fill-or-not accuracy, time-to-first-fill errors (median and p90 absolute,
        bias), filled size, the queue-ahead error against the true queue (all shown levels, and at the
        touch with the share of order resamples each rule wins), and each rule's one-step error on the
        real cancellations; then which rule the data favours. Writes {QueueStudyFiles.ScoresFile} (one row
        per model) and {QueueStudyFiles.OrdersFile} (one row per real order and model). Progress goes to
        stderr. Reading is forgiving: bad lines and events are counted and skipped; a cut or corrupt
        archive is an error naming the file.

          --coin C       the coin to study (default BTC)
          --source S     by-block (default) or streaming: which of the two archives to read
          --out DIR      where the Parquet files go (default queue-study-out)
          --markdown     print the tables as Markdown (as pasted into the README)
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var coin = args.String("coin", "BTC");
        var source = args.String("source", "by-block") switch
        {
            "by-block" => NodeSource.ByBlock,
            "streaming" => NodeSource.Streaming,
            var other => throw new UsageException($"--source '{other}': use by-block or streaming"),
        };
        var output = args.String("out", "queue-study-out");
        var markdown = args.Flag("markdown");
        args.RejectUnknown();
        if (args.Positionals.Count != 1) throw new UsageException("give exactly one DIR (the node capture)");

        var result = QueueStudyRunner.Run(args.Positionals[0], coin, source, Console.Error.WriteLine, cancel);
        Console.Write(markdown ? QueueStudyTable.Markdown(result) : QueueStudyTable.Text(result));
        await QueueStudyFiles.WriteAsync(result, output, cancel);
        Console.Error.WriteLine($"wrote {Path.Combine(output, QueueStudyFiles.ScoresFile)} and {Path.Combine(output, QueueStudyFiles.OrdersFile)}");
        return 0;
    }
}
