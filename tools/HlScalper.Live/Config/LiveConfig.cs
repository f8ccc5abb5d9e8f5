using HlScalper.Engine.Strategy;

namespace HlScalper.Live.Config;

/// <summary>Every setting of a live run by name: the engine's strategy and risk keys (<see cref="EngineConfig.Settings"/>) and the runtime's (<see cref="RuntimeSettings.Keys"/>), from a config file then <c>--set</c> overrides.</summary>
public sealed class LiveConfig
{
    public EngineConfig Engine { get; } = new();

    public RuntimeSettings Runtime { get; } = new();

    /// <summary>Whether <c>cloid_prefix</c> was set explicitly (otherwise it is derived from account, coin and instance).</summary>
    public bool CloidPrefixSet { get; private set; }

    /// <summary>The defaults overlaid with <paramref name="file"/> (JSON or TOML); null = defaults only.</summary>
    /// <exception cref="ConfigException">Unreadable or malformed file, an unknown key (named), or a bad value.</exception>
    public static LiveConfig Load(string? file) => file is null ? new LiveConfig() : From(ConfigFile.Load(file), file);

    /// <summary>The defaults overlaid with settings already read from <paramref name="source"/> (a file shared with other verbs passes only the keys live takes).</summary>
    /// <exception cref="ConfigException">An unknown key (named) or a bad value.</exception>
    public static LiveConfig From(IEnumerable<(string Key, string Value)> settings, string source)
    {
        var config = new LiveConfig();
        foreach (var (key, value) in settings) config.Set(key, value, source);
        return config;
    }

    /// <summary>Applies each <c>key=value</c> in order (the <c>--set</c> overrides; a later one wins).</summary>
    /// <exception cref="ConfigException">Not key=value, an unknown key (named), or a bad value.</exception>
    public LiveConfig With(IEnumerable<string> overrides)
    {
        foreach (var kv in overrides)
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ConfigException($"--set '{kv}': expected key=value");
            Set(kv[..eq].Trim(), kv[(eq + 1)..].Trim(), "--set");
        }
        return this;
    }

    public void Set(string key, string value, string source)
    {
        try
        {
            if (Runtime.TrySet(key, value)) return;
        }
        catch (FormatException e)
        {
            throw new ConfigException($"{source}: {key}={value}: {e.Message}", e);
        }
        if (!EngineConfig.Settings.Any(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)))
            throw new ConfigException($"{source}: unknown key '{key}' (strategy and risk keys: {string.Join(", ", EngineConfig.Settings.Select(s => s.Key))}; runtime keys: {string.Join(", ", RuntimeSettings.Keys.Select(k => k.Key))})");
        try
        {
            Engine.Set(key, value);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"{source}: {e.Message}", e);
        }
        if (string.Equals(key, "cloid_prefix", StringComparison.OrdinalIgnoreCase)) CloidPrefixSet = true;
    }
}
