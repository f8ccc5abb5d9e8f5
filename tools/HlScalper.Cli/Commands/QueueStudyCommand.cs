using System.CommandLine;
using HlScalper.Cli.Options;
using HlScalper.Replay.QueueStudy;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper queue-study</c>: scores the back-tester's fill models against a node capture of real per-order data.</summary>
public sealed class QueueStudyCommand : Verb
{
    private readonly Argument<string> _dir = new("DIR") { Description = "a node capture: one snapshot_<height>.json[.gz] (the full L4 book) and a by_block_*.tar.gz or streaming_*.tar.gz of the node's hl/data tree" };
    private readonly Option<string> _coin = Opt.Text("--coin", "the coin to study", "BTC");
    private readonly Option<string> _source = Opt.Choice("--source", "which of the two archives to read", "by-block", "by-block", "streaming");
    private readonly Option<string> _out = Opt.Text("--out", "where the Parquet files go", "queue-study-out", "-o");
    private readonly Option<bool> _markdown = Opt.Flag("--markdown", "print the tables as Markdown (as pasted into the README)");

    public QueueStudyCommand() : base("queue-study", "score the fill models (touch, queue rules) against real per-order (L4) node data",
        "Score the back-tester's fill models against a node capture (as in ../shared/data/hyperliquid/node_l4_btc_20260505), replayed through an " +
        "exact FIFO book: for every order that joins, the size ahead of it when it joined and after every block, and whether and when it filled. " +
        "The same market at block resolution (top 20 levels a side + trades) drives the simulated exchange once per model (touch; queue with the " +
        "risk-averse, power n=1/2/3 and log rules), with a twin of every real order placed at its time, price and size. Prints, per model: " +
        "fill-or-not accuracy, time-to-first-fill errors (median and p90 absolute, bias), filled size, the queue-ahead error against the true " +
        "queue, and each rule's one-step error on the real cancellations; then which rule the data favours. Writes " +
        $"{QueueStudyFiles.ScoresFile} (one row per model) and {QueueStudyFiles.OrdersFile} (one row per real order and model). Progress goes " +
        "to stderr. Bad lines and events are counted and skipped; a cut or corrupt archive is an error naming the file.")
    {
        Arguments.Add(_dir);
        foreach (var option in new Option[] { _coin, _source, _out, _markdown }) Options.Add(option);
    }

    public override int Order => 45;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var source = run.Get(_source) == "streaming" ? NodeSource.Streaming : NodeSource.ByBlock;
        var output = run.Get(_out);
        var result = QueueStudyRunner.Run(run.Get(_dir), run.Get(_coin), source, run.Err.WriteLine, cancel);
        run.Out.Write(run.Get(_markdown) ? QueueStudyTable.Markdown(result) : QueueStudyTable.Text(result));
        await QueueStudyFiles.WriteAsync(result, output, cancel);
        run.Err.WriteLine($"wrote {Path.Combine(output, QueueStudyFiles.ScoresFile)} and {Path.Combine(output, QueueStudyFiles.OrdersFile)}");
        return 0;
    }
}
