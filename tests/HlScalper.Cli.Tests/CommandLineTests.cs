using System.Text.RegularExpressions;
using HlScalper.Cli;
using HlScalper.Cli.Commands;

namespace HlScalper.Cli.Tests;

/// <summary>The command line itself (issue 15, "hand-rolled parsing"): errors and usage on stderr with exit 2, typed options in plain words, generated help, --version, a config file backtest reads.</summary>
public class CommandLineTests
{
    [Test]
    public async Task No_verb_prints_the_usage_on_stderr_and_exits_2_with_nothing_on_stdout()
    {
        var (code, output, error) = await CliRun.Run();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("hlscalper --help"));
        });
    }

    [Test]
    public async Task A_short_option_the_verb_does_not_have_is_refused_not_taken_as_a_file()
    {
        var (code, _, error) = await CliRun.Run("backtest", "-j", "2");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown option '-j'").And.Contain("hlscalper backtest --help"));
    }

    [TestCase("backtest", "--threads", "x", "--threads 'x' is not a whole number")]
    [TestCase("sweep", "--grid", "tp_ticks=2", "--parallel", "two", "--parallel 'two' is not a whole number")]
    [TestCase("sim", "--speed", "fast", "--speed 'fast' is not a number")]
    public async Task A_bad_number_is_named_in_plain_words_on_stderr(string verb, params string[] rest)
    {
        var (code, output, error) = await CliRun.Run([verb, .. rest[..^1]]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain(rest[^1]));
            Assert.That(error, Does.Not.Contain("System."), "no .NET type names");
            Assert.That(output, Is.Empty);
        });
    }

    [Test]
    public async Task Version_names_the_build_and_its_commit()
    {
        var (code, output, _) = await CliRun.Run("--version");
        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+\.\d+(\+[0-9a-f]{7,40})?$"));
        var informational = typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        if (Directory.Exists(Path.Combine(SharedData.RepositoryRoot, ".git")) || File.Exists(Path.Combine(SharedData.RepositoryRoot, ".git")))
            Assert.That(informational, Does.Match(@"\+[0-9a-f]{40}$"), "built from a git checkout: the commit is part of the version");
    }

    [Test]
    public async Task The_help_lists_every_verb_and_a_verb_help_is_generated_from_its_options()
    {
        var root = await CliRun.Run("--help");
        var live = await CliRun.Run("live", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(root.Code, Is.Zero);
            foreach (var verb in CliApp.Verbs()) Assert.That(root.Out, Does.Contain($"  {verb.Name} "), verb.Name);
            foreach (var option in CliApp.Verbs().Single(v => v.Name == "live").Options.Where(o => !o.Hidden))
                Assert.That(live.Out, Does.Contain(option.Name), $"live --help lists {option.Name}");
            Assert.That(live.Out, Does.Contain("--coin <coin> (REQUIRED)"));
        });
    }

    [Test]
    public async Task Backtest_reads_the_same_TOML_settings_file_live_runs_tables_and_all()
    {
        var dir = Directory.CreateTempSubdirectory("cli-config-").FullName;
        try
        {
            var config = Path.Combine(dir, "desk.toml");
            File.WriteAllText(config, """
                # shared by live and backtest
                [runtime]
                wait = "blocking"          # live only: backtest leaves it alone
                [strategy]
                tp_ticks = 5
                [exchange]
                fill = "touch"
                """);
            var (code, output, error) = await CliRun.Run("backtest", "--minutes", "5", "--config", config, "--out", Path.Combine(dir, "out"));
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("parameters: tp_ticks=5").And.Contain("fill=touch"));
            var typo = Path.Combine(dir, "typo.toml");
            File.WriteAllText(typo, "tp_tiks = 5\n");
            var bad = await CliRun.Run("backtest", "--minutes", "5", "--config", typo, "--out", Path.Combine(dir, "out2"));
            Assert.That(bad.Code, Is.EqualTo(1));
            Assert.That(bad.Err, Does.Contain("'tp_tiks'").And.Contain("typo.toml"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task A_set_key_the_verb_does_not_use_is_a_usage_error_not_ignored()
    {
        var (code, _, error) = await CliRun.Run("backtest", "--minutes", "5", "--set", "leverage=3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("leverage").And.Contain("does not use"));
    }

    [Test]
    public void Every_verb_is_its_own_class_with_a_summary_and_a_unique_place()
    {
        var verbs = CliApp.Verbs();
        Assert.That(verbs.Select(v => v.Name), Is.Unique);
        Assert.That(verbs.Select(v => v.Order), Is.Unique.And.Ordered);
        Assert.That(verbs.Select(v => v.GetType()), Is.Unique);
        Assert.That(verbs.Select(v => v.Name), Is.SupersetOf(new[] { "backtest", "sweep", "inspect", "convert", "feed", "record", "candles", "sign", "sim", "live" }));
        Assert.That(verbs.Where(v => string.IsNullOrWhiteSpace(v.Summary) || Regex.IsMatch(v.Summary, @"\n")), Is.Empty);
    }

    [Test]
    public void Every_subclass_of_Verb_in_the_assembly_is_in_the_verb_list()
    {
        var declared = typeof(CliApp).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Verb)) && !t.IsAbstract);
        Assert.That(CliApp.Verbs().Select(v => v.GetType()), Is.EquivalentTo(declared), "a verb class missing from CliApp.Verbs() is not reachable from the command line");
    }
}
