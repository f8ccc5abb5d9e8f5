using System.Text;

namespace HlScalper.Live.Config;

/// <summary>The flat part of TOML a settings file needs: <c>key = value</c> lines with strings, numbers and booleans, and <c>#</c> comments; tables and arrays are refused.</summary>
public static class TomlSubset
{
    public static IReadOnlyList<(string Key, string Value)> Parse(string text, string source)
    {
        var pairs = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var where = $"{source}:{n + 1}";
            if (line[0] == '[') throw new ConfigException($"{where}: tables are not supported; write every setting as a top-level key = value");
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ConfigException($"{where}: expected key = value, got '{line}'");
            var key = line[..eq].Trim();
            if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
                throw new ConfigException($"{where}: '{key}' is not a bare key (letters, digits, _ and -)");
            if (!seen.Add(key)) throw new ConfigException($"{where}: '{key}' is set twice");
            pairs.Add((key, Value(line[(eq + 1)..].Trim(), where)));
        }
        return pairs;
    }

    private static string Value(string text, string where)
    {
        if (text.Length == 0) throw new ConfigException($"{where}: missing value");
        if (text[0] is '"' or '\'') return QuotedString(text, where);
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var bare = (hash >= 0 ? text[..hash] : text).Trim();
        if (bare is "true" or "false") return bare;
        if (bare.StartsWith('[') || bare.StartsWith('{')) throw new ConfigException($"{where}: arrays and inline tables are not supported");
        if (bare.Length == 0 || !bare.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or '_' or 'e' or 'E'))
            throw new ConfigException($"{where}: '{bare}' is not a number, boolean or quoted string");
        return bare.Replace("_", "", StringComparison.Ordinal);
    }

    private static string QuotedString(string text, string where)
    {
        var quote = text[0];
        var value = new StringBuilder();
        var i = 1;
        for (; i < text.Length && text[i] != quote; i++)
        {
            if (quote == '"' && text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    '"' => '"',
                    '\\' => '\\',
                    _ => throw new ConfigException($"{where}: unsupported escape \\{text[i]}"),
                });
            }
            else value.Append(text[i]);
        }
        if (i >= text.Length) throw new ConfigException($"{where}: unterminated string");
        var rest = text[(i + 1)..].Trim();
        if (rest.Length > 0 && rest[0] != '#') throw new ConfigException($"{where}: unexpected '{rest}' after the string");
        return value.ToString();
    }
}
