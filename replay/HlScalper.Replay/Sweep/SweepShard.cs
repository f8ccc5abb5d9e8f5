using System.Globalization;

namespace HlScalper.Replay.Sweep;

/// <summary>One deterministic share of a sweep: shard <see cref="Index"/> of <see cref="Count"/> runs the (combination c, input f) pairs with (c × inputs + f) mod Count = Index.</summary>
/// <remarks>
/// Round-robin rather than contiguous blocks, so neighbouring combinations (often similar in cost) spread over the shards.
/// With the inputs merged into one market there is one input, and the pairs are the combinations.
/// </remarks>
public readonly record struct SweepShard(int Index, int Count)
{
    /// <summary>The index variables batch engines set for each task: a Kubernetes Indexed Job's pod, then a Slurm array task.</summary>
    public static readonly string[] IndexVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    public bool Owns(int combination) => Owns(combination, 0, 1);

    /// <summary>Whether this shard runs <paramref name="combination"/> over input <paramref name="input"/> of <paramref name="inputs"/>.</summary>
    public bool Owns(int combination, int input, int inputs) => ((long)combination * inputs + input) % Count == Index;

    /// <summary>The part file this shard writes: <c>sweep-part-I-of-N.parquet</c>.</summary>
    public string PartFileName => string.Create(CultureInfo.InvariantCulture, $"sweep-part-{Index}-of-{Count}.parquet");

    /// <summary><c>I/N</c> (0 ≤ I &lt; N), or <c>N</c> alone with I from the first of <see cref="IndexVariables"/> that is set.</summary>
    /// <exception cref="ArgumentException">The message says what is wrong.</exception>
    public static SweepShard Parse(string text, Func<string, string?> environment)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var countText = slash < 0 ? text : text[(slash + 1)..];
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new ArgumentException($"'{text}': the shard count must be a whole number from 1 (I/N, or N with the index from {string.Join(" or ", IndexVariables)})");
        string indexText;
        string from;
        if (slash >= 0)
        {
            indexText = text[..slash];
            from = "I";
        }
        else
        {
            from = IndexVariables.FirstOrDefault(v => !string.IsNullOrEmpty(environment(v)))
                   ?? throw new ArgumentException($"'{text}' gives no index and neither {string.Join(" nor ", IndexVariables)} is set: write I/{count}");
            indexText = environment(from)!;
        }
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
            throw new ArgumentException($"'{text}': the index ({from}={indexText}) must be a whole number from 0 to {count - 1}");
        return new SweepShard(index, count);
    }
}
