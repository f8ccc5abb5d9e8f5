using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Engine.Strategy;
using HlScalper.Live.Config;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Options;

/// <summary><c>--config FILE</c> and <c>--set key=value</c>: one settings file (TOML or JSON) drives live, backtest, sweep and sim; each verb takes the keys it uses.</summary>
/// <remarks>
/// The keys are the engine's (strategy and risk), the live runtime's and the simulated exchange's. A key of no family is an
/// error in the file and on the command line; in the file, keys of another verb are accepted and left to it (the same file
/// serves them all), while <c>--set</c> of a key the verb does not use is a usage error. Later wins: file, then <c>--set</c>
/// in order, then a verb's own flags.
/// </remarks>
internal sealed class SettingsOptions(KeyFamily uses)
{
    public readonly Option<string?> Config = Opt.OptionalText("--config", "settings file, TOML or a flat JSON object (see live.example.toml); every key below, in any table");

    public readonly Option<string[]> Set = Opt.Many("--set", "key=value: one setting, repeatable, wins over --config (keys below)");

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Set);
    }

    /// <summary>The file's and --set's settings, by family, in the order they apply.</summary>
    /// <exception cref="ConfigException">The file cannot be read or holds an unknown key (exit 1).</exception>
    /// <exception cref="UsageException">A --set that is not key=value, of no family, or of a family this verb does not use.</exception>
    public Settings Read(VerbRun run)
    {
        var file = run.Get(Config);
        var pairs = new List<(string Key, string Value, bool FromFile)>();
        if (file is not null)
        {
            foreach (var (key, value) in ConfigFile.Load(file))
            {
                if (FamilyOf(key) == KeyFamily.None) throw new ConfigException($"{file}: unknown key '{key}' ({KnownKeys()})");
                pairs.Add((key, value, true));
            }
        }
        foreach (var kv in run.Get(Set))
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--set '{kv}': expected key=value");
            var key = kv[..eq].Trim();
            var family = FamilyOf(key);
            if (family == KeyFamily.None) throw new UsageException($"--set: unknown key '{key}' ({KnownKeys()})");
            if ((family & uses) == 0) throw new UsageException($"--set {key}: a {Describe(family)} setting, which this verb does not use");
            pairs.Add((key, kv[(eq + 1)..].Trim(), false));
        }
        return new Settings(file, pairs.Where(p => (FamilyOf(p.Key) & uses) != 0).Select(p => (p.Key, p.Value, p.FromFile)).ToList());
    }

    public static KeyFamily FamilyOf(string key) =>
        EngineConfig.Settings.Any(s => Same(s.Key, key)) ? KeyFamily.Engine
        : RuntimeSettings.Keys.Any(k => Same(k.Key, key)) ? KeyFamily.Runtime
        : ExchangeSettings.Keys.FirstOrDefault(k => Same(k.Key, key)) is { Key: not null } e ? e.Matching ? KeyFamily.Matching : KeyFamily.Latency
        : KeyFamily.None;

    /// <summary>The settings tables for a verb's help: every key it takes with its meaning and default.</summary>
    public string Help()
    {
        var lines = new List<string> { "Settings (--set key=value, or key = value in the --config file):" };
        if ((uses & KeyFamily.Engine) != 0) lines.AddRange(EngineConfig.Settings.Select(s => $"  {s.Key,-18} {s.Help}"));
        if ((uses & KeyFamily.Runtime) != 0) lines.AddRange(RuntimeSettings.Keys.Select(k => $"  {k.Key,-18} {k.Help}"));
        lines.AddRange(ExchangeSettings.Keys.Where(k => (FamilyOf(k.Key) & uses) != 0).Select(k => $"  {k.Key,-18} {k.Help}"));
        return string.Join('\n', lines);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Describe(KeyFamily family) => family switch
    {
        KeyFamily.Engine => "strategy/risk",
        KeyFamily.Runtime => "live runtime",
        _ => "simulated-exchange",
    };

    private static string KnownKeys() =>
        $"strategy and risk keys: {string.Join(", ", EngineConfig.Settings.Select(s => s.Key))}; live runtime keys: {string.Join(", ", RuntimeSettings.Keys.Select(k => k.Key))}; "
        + $"simulated-exchange keys: {string.Join(", ", ExchangeSettings.Keys.Select(k => k.Key))}";
}

/// <summary>Which settings a verb takes: the engine's, the live runtime's, the simulated exchange's matching (fill, fees) and latency keys.</summary>
[Flags]
internal enum KeyFamily
{
    None = 0,
    Engine = 1,
    Runtime = 2,
    Matching = 4,
    Latency = 8,
    Exchange = Matching | Latency,
}

/// <summary>Settings read for one verb, in the order they apply.</summary>
internal sealed record Settings(string? File, IReadOnlyList<(string Key, string Value, bool FromFile)> Pairs)
{
    public IEnumerable<(string Key, string Value)> Of(KeyFamily family) =>
        Pairs.Where(p => (SettingsOptions.FamilyOf(p.Key) & family) != 0).Select(p => (p.Key, p.Value));

    /// <summary>The engine's settings as <c>key=value</c> (what the back-tester and sweeps take).</summary>
    public IReadOnlyList<string> Engine() => Of(KeyFamily.Engine).Select(p => $"{p.Key}={p.Value}").ToList();

    /// <summary><paramref name="defaults"/> with the exchange settings applied.</summary>
    /// <exception cref="UsageException">A value that does not fit its key.</exception>
    public SimExchangeConfig Exchange(SimExchangeConfig defaults)
    {
        var config = defaults;
        foreach (var (key, value) in Of(KeyFamily.Exchange))
        {
            try
            {
                config = ExchangeSettings.With(config, key, value);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"{File ?? "--set"}: {e.Message}");
            }
        }
        return config;
    }
}
