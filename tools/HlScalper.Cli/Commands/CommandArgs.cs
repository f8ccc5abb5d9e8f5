using System.Globalization;

namespace HlScalper.Cli.Commands;

/// <summary>A usage error: reported with the verb's help hint and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parsed <c>--name value</c>, <c>--flag</c> and positional arguments; every option must be consumed, so a typo is an error, not a silent default.</summary>
public sealed class CommandArgs
{
    private readonly List<(string Name, string? Value)> _options = [];
    private readonly HashSet<int> _used = [];

    public CommandArgs(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a == "--")
            {
                Positionals.AddRange(list.Skip(i + 1));
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) _options.Add((a[2..eq], a[(eq + 1)..]));
                else if (flags.Contains(a[2..]) || i + 1 >= list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal)) _options.Add((a[2..], null));
                else _options.Add((a[2..], list[++i]));
            }
            else Positionals.Add(a);
        }
    }

    public List<string> Positionals { get; } = [];

    public bool WantsHelp => _options.Any(o => o.Name == "help") || Positionals.Contains("-h");

    public bool Flag(string name) => Indexes(name).Any();

    public string? String(string name) => Values(name).LastOrDefault();

    public string String(string name, string fallback) => String(name) ?? fallback;

    /// <summary>Every value of a repeatable option (<c>--data a --data b</c>).</summary>
    public List<string> Values(string name)
    {
        var values = new List<string>();
        foreach (var i in Indexes(name))
            values.Add(_options[i].Value ?? throw new UsageException($"--{name} needs a value"));
        return values;
    }

    public int Int(string name, int fallback) => Number(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));

    public long Long(string name, long fallback) => Number(name, fallback, s => long.Parse(s, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback) => Number(name, fallback, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Throws a usage error for any option the verb did not ask about.</summary>
    public void RejectUnknown()
    {
        for (var i = 0; i < _options.Count; i++)
            if (!_used.Contains(i)) throw new UsageException($"unknown option --{_options[i].Name}");
    }

    private T Number<T>(string name, T fallback, Func<string, T> parse)
    {
        var text = String(name);
        if (text is null) return fallback;
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"--{name} '{text}' is not a valid number");
        }
    }

    private IEnumerable<int> Indexes(string name)
    {
        for (var i = 0; i < _options.Count; i++)
        {
            if (_options[i].Name != name) continue;
            _used.Add(i);
            yield return i;
        }
    }
}
