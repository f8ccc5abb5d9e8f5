using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace HlScalper.Live.Config;

/// <summary>Reads a TOML settings file (any valid TOML, parsed by Tomlyn) into <c>(key, value)</c> pairs; tables only group keys, so <c>[strategy] imbalance = 0.6</c> is the key <c>imbalance</c>.</summary>
public static class TomlSettings
{
    public static IReadOnlyList<(string Key, string Value)> Parse(string text, string source)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new ConfigException($"{source}:{e.Line + 1}: not valid TOML: {FirstLine(e.Message)}", e);
        }
        var pairs = new List<(string, string)>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Flatten(root, "", pairs, seen, source);
        return pairs;
    }

    private static void Flatten(TomlTable table, string path, List<(string, string)> pairs, Dictionary<string, string> seen, string source)
    {
        foreach (var (key, value) in table)
        {
            var where = path.Length == 0 ? key : $"{path}.{key}";
            if (value is TomlTable nested)
            {
                Flatten(nested, where, pairs, seen, source);
                continue;
            }
            // The same setting under two tables would make the file's meaning depend on which one wins.
            if (!seen.TryAdd(key, where)) throw new ConfigException($"{source}: '{key}' is set twice ({seen[key]} and {where})");
            pairs.Add((key, Text(value) ?? throw new ConfigException(
                $"{source}: '{where}' must be a string, number or boolean, not {(value is TomlArray or TomlTableArray ? "an array" : "a date or time")}")));
        }
    }

    /// <summary>The value as <c>--set</c> would spell it, or null for a shape no setting takes.</summary>
    private static string? Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
