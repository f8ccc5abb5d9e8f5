using HlScalper.Live.Config;

namespace HlScalper.Live.Tests;

/// <summary>The live config: a JSON or TOML file of engine and runtime keys, <c>--set</c> overrides on top, and errors that name the key.</summary>
public class LiveConfigTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("live-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_json_file_sets_engine_and_runtime_keys()
    {
        var path = Write("live.json", """{ "imbalance": 0.55, "tp_ticks": 3, "direction": "long", "wait": "blocking", "flatten_on_exit": true, "deadman_s": 10 }""");
        var config = LiveConfig.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(config.Engine.Get("imbalance"), Is.EqualTo("0.55"));
            Assert.That(config.Engine.Get("tp_ticks"), Is.EqualTo("3"));
            Assert.That(config.Engine.Get("direction"), Is.EqualTo("long"));
            Assert.That(config.Runtime.Wait, Is.EqualTo("blocking"));
            Assert.That(config.Runtime.FlattenOnExit, Is.True);
            Assert.That(config.Runtime.DeadManAhead, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void A_toml_file_with_comments_strings_and_underscored_numbers_sets_the_same_keys()
    {
        var path = Write("live.toml", """
            # strategy
            imbalance = 0.55        # a trailing comment
            max_pos_usd = 1_500
            direction = "short"
            instance = 'desk # 2'
            flatten_on_exit = false
            """);
        var config = LiveConfig.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(config.Engine.Get("imbalance"), Is.EqualTo("0.55"));
            Assert.That(config.Engine.Get("max_pos_usd"), Is.EqualTo("1500"));
            Assert.That(config.Engine.Get("direction"), Is.EqualTo("short"));
            Assert.That(config.Runtime.Instance, Is.EqualTo("desk # 2"));
            Assert.That(config.Runtime.FlattenOnExit, Is.False);
        });
    }

    [Test]
    public void Valid_TOML_the_old_subset_refused_loads_tables_group_keys_and_literal_strings_keep_their_hashes()
    {
        var path = Write("live.toml", """
            [strategy]
            imbalance = 0.55
            tp_ticks = 0x3                       # a hex integer
            [risk]
            max_pos_usd = 1.5e3
            [runtime.advanced]
            instance = '''desk # 3'''
            """);
        var config = LiveConfig.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(config.Engine.Get("imbalance"), Is.EqualTo("0.55"));
            Assert.That(config.Engine.Get("tp_ticks"), Is.EqualTo("3"));
            Assert.That(config.Engine.Get("max_pos_usd"), Is.EqualTo("1500"));
            Assert.That(config.Runtime.Instance, Is.EqualTo("desk # 3"));
        });
    }

    [Test]
    public void Set_overrides_win_over_the_file_in_order()
    {
        var path = Write("live.toml", "tp_ticks = 3\nleverage = 3\n");
        var config = LiveConfig.Load(path).With(["tp_ticks=5", "leverage=7", "tp_ticks=6"]);
        Assert.Multiple(() =>
        {
            Assert.That(config.Engine.Get("tp_ticks"), Is.EqualTo("6"));
            Assert.That(config.Runtime.Leverage, Is.EqualTo(7));
        });
    }

    [Test]
    public void An_unknown_key_is_an_error_that_names_it_and_its_source()
    {
        var path = Write("live.toml", "imbalance = 0.6\nimbalanse = 0.7\n");
        var fromFile = Assert.Throws<ConfigException>(() => LiveConfig.Load(path))!;
        var fromSet = Assert.Throws<ConfigException>(() => new LiveConfig().With(["tp_tick=3"]))!;
        Assert.Multiple(() =>
        {
            Assert.That(fromFile.Message, Does.Contain("'imbalanse'").And.Contain(path));
            Assert.That(fromSet.Message, Does.Contain("'tp_tick'").And.Contain("--set").And.Contain("tp_ticks"));
        });
    }

    [Test]
    public void Bad_values_and_shapes_are_errors_that_say_where()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ConfigException>(() => new LiveConfig().With(["imbalance=2"]))!.Message, Does.Contain("imbalance"));
            Assert.That(Assert.Throws<ConfigException>(() => new LiveConfig().With(["wait=spin"]))!.Message, Does.Contain("busyspin"));
            Assert.That(Assert.Throws<ConfigException>(() => new LiveConfig().With(["deadman_s=2"]))!.Message, Does.Contain("deadman_s"));
            Assert.That(Assert.Throws<ConfigException>(() => new LiveConfig().With(["warmup_s=11"]))!.Message, Does.Contain("warmup_s").And.Contain("0 to 10"));
            Assert.That(Assert.Throws<ConfigException>(() => new LiveConfig().With(["warmup_s=-1"]))!.Message, Does.Contain("warmup_s"));
            Assert.That(new LiveConfig().With(["warmup_s=0"]).Runtime.WarmUp, Is.EqualTo(TimeSpan.Zero), "0 turns the warm-up off");
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Write("t.toml", "[strategy]\nimbalance = 0.6\n[risk]\nimbalance = 0.7\n")))!.Message, Does.Contain("t.toml").And.Contain("set twice"));
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Write("u.toml", "direction = \"long\n")))!.Message, Does.Contain("u.toml").And.Contain("not valid TOML"));
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Write("a.toml", "levels = [1, 2]\n")))!.Message, Does.Contain("levels").And.Contain("array"));
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Write("n.json", """{"levels": [1, 2]}""")))!.Message, Does.Contain("levels"));
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Write("c.yaml", "a: 1")))!.Message, Does.Contain(".yaml"));
            Assert.That(Assert.Throws<ConfigException>(() => LiveConfig.Load(Path.Combine(_dir, "missing.toml")))!.Message, Does.Contain("missing.toml"));
        });
    }

    [Test]
    public void Setting_cloid_prefix_is_remembered_so_it_is_not_derived()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new LiveConfig().CloidPrefixSet, Is.False);
            Assert.That(new LiveConfig().With(["cloid_prefix=0x1234"]).CloidPrefixSet, Is.True);
        });
    }

    [Test]
    public void The_shipped_example_config_loads()
    {
        var example = Path.Combine(TestContext.CurrentContext.TestDirectory, "live.example.toml");
        Assert.That(File.Exists(example), Is.True, "the example is copied beside the CLI");
        var config = LiveConfig.Load(example);
        Assert.That(config.Engine.Get("imbalance"), Is.EqualTo(new HlScalper.Engine.Strategy.EngineConfig().Get("imbalance")), "the example shows the defaults");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
