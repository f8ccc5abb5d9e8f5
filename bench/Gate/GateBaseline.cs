using System.Text.Json;

namespace HlScalper.Bench.Gate;

/// <summary>The committed baseline: for each probe, its ns/op divided by the reference workload's ns/op on the machine that recorded it.</summary>
public sealed class GateBaseline
{
    public string Machine { get; set; } = "";

    public string RecordedUtc { get; set; } = "";

    public SortedDictionary<string, double> Ratios { get; set; } = [];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static GateBaseline Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"no baseline at {path}; run 'check --update-baseline' to record one");
        try
        {
            return JsonSerializer.Deserialize<GateBaseline>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is not a baseline file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a baseline file: {e.Message}", e);
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");
}
