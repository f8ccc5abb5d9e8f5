using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Options;

/// <summary>The simulated exchange's flags (<c>--fill</c>, <c>--maker-fee</c>, …), generated from <see cref="ExchangeSettings.Keys"/> so flags, <c>--set</c> and the config file name the same settings.</summary>
internal sealed class ExchangeOptions
{
    private readonly List<(string Key, Option<string?> Option)> _options = [];

    /// <param name="family">Matching only (the local exchange, whose --latency-ms is a fault knob) or matching and latency (back-tests).</param>
    public ExchangeOptions(KeyFamily family)
    {
        foreach (var (key, help, matching) in ExchangeSettings.Keys)
        {
            if ((family & (matching ? KeyFamily.Matching : KeyFamily.Latency)) == 0) continue;
            var option = Opt.OptionalText("--" + key.Replace('_', '-'), help);
            option.Validators.Add(r =>
            {
                try
                {
                    ExchangeSettings.With(new SimExchangeConfig(), key, r.GetValueOrDefault<string?>() ?? "");
                }
                catch (ArgumentException e)
                {
                    r.AddError($"{option.Name}: {e.Message}");
                }
            });
            _options.Add((key, option));
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options) command.Options.Add(option);
    }

    /// <summary><paramref name="defaults"/>, then the settings file and --set, then the flags typed.</summary>
    public SimExchangeConfig Read(VerbRun run, Settings settings, SimExchangeConfig defaults)
    {
        var config = settings.Exchange(defaults);
        foreach (var (key, option) in _options)
            if (run.Get(option) is { } value) config = ExchangeSettings.With(config, key, value);
        return config;
    }
}
