namespace HlScalper.Protocol.Keys;

/// <summary>Reads a <c>.env</c> file: <c>NAME=value</c> lines, <c>#</c> comments, optional <c>export</c> and quotes.</summary>
public static class DotEnv
{
    public static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var eq = line.IndexOf('=');
            // The line may hold a key: report only where it is.
            if (eq <= 0) throw new KeyFormatException($".env line {number} is not NAME=value");
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
            values[line[..eq].Trim()] = value;
        }
        return values;
    }

    public static Dictionary<string, string> Load(string path) => Parse(File.ReadLines(path));
}
