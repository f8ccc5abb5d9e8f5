using System.Globalization;
using System.Text.Json;

namespace HlScalper.Live.Config;

/// <summary>Reads a live config file into <c>(key, value)</c> pairs: a flat JSON object (<c>.json</c>) or TOML (<c>.toml</c>, tables only group keys).</summary>
/// <remarks>Values keep their text (numbers as written, booleans as true/false) so the settings parse them exactly as <c>--set</c> would.</remarks>
public static class ConfigFile
{
    public static IReadOnlyList<(string Key, string Value)> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the config file: {e.Message}", e);
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => ParseJson(text, path),
            ".toml" => TomlSettings.Parse(text, path),
            var other => throw new ConfigException($"{path}: unknown config format '{other}' (use .json or .toml)"),
        };
    }

    public static IReadOnlyList<(string Key, string Value)> ParseJson(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException($"{source}: expected one JSON object of settings");
            var pairs = new List<(string, string)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                pairs.Add((property.Name, value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw new ConfigException($"{source}: '{property.Name}' must be a string, number or boolean, not {value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}"),
                }));
            }
            return pairs;
        }
    }
}
