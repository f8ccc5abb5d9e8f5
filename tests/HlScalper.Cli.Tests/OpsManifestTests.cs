using System.Text.Json;
using System.Text.RegularExpressions;
using HlScalper.Replay.Data;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Cli.Tests;

/// <summary>The batch-engine files in <c>ops/sweep</c> (a Kubernetes Indexed Job, a Slurm array) run the same commands, and those commands produce the unsharded sweep.</summary>
public partial class OpsManifestTests
{
    private static string Ops(string name) => File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "ops", "sweep", name));

    private static string[] KubernetesArgs(string file) => JsonSerializer.Deserialize<string[]>(ArgsLine().Match(Ops(file)).Groups[1].Value)!;

    private static string[] SlurmArgs(string file) => ShellWords(Ops(file).Split('\n').Single(l => l.StartsWith("/opt/hlscalper/hlscalper ", StringComparison.Ordinal)))[1..];

    [Test]
    public void Kubernetes_and_Slurm_run_the_same_shard_and_merge_commands_with_as_many_tasks_as_shards()
    {
        var shard = KubernetesArgs("sweep-indexed-job.yaml");
        Assert.That(SlurmArgs("sweep-array.sbatch"), Is.EqualTo(shard));
        Assert.That(SlurmArgs("sweep-merge.sbatch"), Is.EqualTo(KubernetesArgs("sweep-merge-job.yaml")));
        var shards = int.Parse(shard[Array.IndexOf(shard, "--shard") + 1]);
        Assert.That(int.Parse(Regex.Match(Ops("sweep-indexed-job.yaml"), @"completions: (\d+)").Groups[1].Value), Is.EqualTo(shards));
        Assert.That(int.Parse(Regex.Match(Ops("sweep-array.sbatch"), @"--array=0-(\d+)").Groups[1].Value), Is.EqualTo(shards - 1));
        Assert.That(Ops("submit-sweep.sh"), Does.Contain("--dependency=afterok:"));
    }

    [Test]
    public async Task The_manifest_commands_run_as_an_indexed_job_would_give_the_unsharded_sweep()
    {
        using var dir = new TempDirectory();
        string[] Local(string[] args) => args.Select(a => a.StartsWith("/data/", StringComparison.Ordinal) ? dir.File(a["/data/".Length..]) : a).ToArray();
        var shardArgs = Local(KubernetesArgs("sweep-indexed-job.yaml"));
        // One market of its own for each day folder the manifest names.
        var days = shardArgs.Where(a => a.StartsWith(dir.File("ticks"), StringComparison.Ordinal)).ToList();
        Assert.That(days, Has.Count.GreaterThan(1));
        foreach (var (day, seed) in days.Select((d, i) => (d, (ulong)i + 1)))
            await TickTables.WriteAsync(SyntheticTape.Build(new SyntheticMarketConfig { Seed = seed, DurationMs = 300_000 }), day);
        var shards = int.Parse(shardArgs[Array.IndexOf(shardArgs, "--shard") + 1]);

        var processes = Enumerable.Range(0, shards)
            .Select(i => CliProcess.Start($"index{i}", [.. shardArgs, "--parallel", "1"], new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = i.ToString() }))
            .ToList();
        try
        {
            foreach (var p in processes) Assert.That(await p.WaitForExit(TimeSpan.FromMinutes(10)), Is.Zero, p.Tail());
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
        var merge = await CliRun.Run(Local(KubernetesArgs("sweep-merge-job.yaml")));
        Assert.That(merge.Code, Is.Zero, merge.Err);

        var unsharded = shardArgs.ToList();
        unsharded.RemoveRange(unsharded.IndexOf("--shard"), 2);
        unsharded[unsharded.IndexOf("--out") + 1] = dir.File("whole");
        var whole = await CliRun.Run([.. unsharded]);
        Assert.That(whole.Code, Is.Zero, whole.Err);
        Assert.That(File.ReadAllBytes(dir.File("sweep/sweep.parquet")), Is.EqualTo(File.ReadAllBytes(dir.File("whole/sweep.parquet"))));
    }

    /// <summary>Splits a shell command line at spaces, keeping double-quoted words whole (what the scripts use).</summary>
    private static string[] ShellWords(string line) =>
        Word().Matches(line).Select(m => m.Value.Trim('"')).ToArray();

    [GeneratedRegex(@"args: (\[.*\])")]
    private static partial Regex ArgsLine();

    [GeneratedRegex("\"[^\"]*\"|[^\\s\"]+")]
    private static partial Regex Word();
}
