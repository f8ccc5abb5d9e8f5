using System.Diagnostics;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Codec.Fuzzing;

namespace HlScalper.Bench.Fuzz;

/// <summary><c>bench fuzz</c>: the codec fuzz harness of the property tests, at length: mutated real messages through both parsers and the codec, with the counts that must be zero.</summary>
internal static class CodecFuzzRun
{
    private const int ProblemsShown = 10;

    public static int Run(long inputs, int seed, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var coins = new CoinTable("BTC", "ETH", "SOL", "@107", "PURR/USDC", "kPEPE", "DYDX");
        var corpus = FuzzCorpus.Load(coins);
        stdout.WriteLine($"bench fuzz: {inputs:N0} inputs from {corpus.Count:N0} real messages, seed {seed}");
        var fuzzer = new CodecFuzzer(coins);
        var random = new Random(seed);
        var started = Stopwatch.GetTimestamp();
        var shown = 0;
        for (long i = 0; i < inputs && !cancel.IsCancellationRequested; i++)
        {
            var (original, receive) = corpus[random.Next(corpus.Count)];
            var message = new HlMessageMutator(random.Next()).Mutate(original);
            var problem = fuzzer.Check(message, random.Next(2) == 0 ? receive : 0);
            if (problem is not null && shown++ < ProblemsShown)
                stdout.WriteLine($"  problem: {problem}\n    input: {Preview(message)}");
            if ((i + 1) % 50_000 == 0)
                stderr.WriteLine($"bench fuzz: {i + 1:N0} inputs, {(i + 1) / Stopwatch.GetElapsedTime(started).TotalSeconds:N0}/s, {fuzzer.Counts}");
        }
        var counts = fuzzer.Counts;
        var codec = fuzzer.CodecCounters;
        stdout.WriteLine($"inputs            {counts.Inputs:N0}");
        stdout.WriteLine($"crashes           {counts.Crashes:N0}");
        stdout.WriteLine($"hangs > {CodecFuzzer.HangThreshold.TotalMilliseconds:0} ms     {counts.Hangs:N0}   (slowest input {counts.Slowest.TotalMilliseconds:0.0} ms)");
        stdout.WriteLine($"disagreements     {counts.Disagreements:N0}");
        stdout.WriteLine($"impossible values {counts.ImpossibleValues:N0}");
        stdout.WriteLine($"accepted {counts.Accepted:N0} ({counts.EventsPublished:N0} events, {codec.CrossedBooks:N0} crossed books flagged), malformed {counts.Malformed:N0}, " +
                         $"of which rejected for a value: {string.Join(", ", Enum.GetValues<HlRejectReason>().Skip(1).Select(r => $"{r} {codec.Rejected(r):N0}"))}");
        stdout.WriteLine($"reference parser decided {codec.Fallbacks:N0}; {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        var clean = counts.Clean && counts.Hangs == 0;
        stdout.WriteLine(clean ? "bench fuzz: clean" : "bench fuzz: FAILED");
        return clean ? 0 : 1;
    }

    private static string Preview(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message, 0, Math.Min(message.Length, 300));
        return message.Length > 300 ? text + "…" : text;
    }
}
