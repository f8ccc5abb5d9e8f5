using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>Parameters settable by name: defaults, parsing, range checks and clear errors.</summary>
public class EngineConfigTests
{
    [Test]
    public void Defaults_are_the_playbooks()
    {
        var c = new EngineConfig();
        Assert.Multiple(() =>
        {
            Assert.That(c.Strategy.ImbalanceThreshold, Is.EqualTo(0.60));
            Assert.That(c.Strategy.ImbalanceLevels, Is.EqualTo(5));
            Assert.That(c.Strategy.MaxSpreadBps, Is.EqualTo(2.0));
            Assert.That(c.Strategy.EmaTimeConstantMs, Is.EqualTo(15_000));
            Assert.That(c.Strategy.TakeProfitTicks, Is.EqualTo(2));
            Assert.That(c.Strategy.PositionTimeoutMs, Is.EqualTo(5_000));
            Assert.That(c.Strategy.AdverseTicks, Is.EqualTo(4));
            Assert.That(c.Strategy.MaxEquityFraction, Is.EqualTo(0.005));
            Assert.That(c.Strategy.MinNotionalUsd, Is.EqualTo(10.0));
            Assert.That(c.Risk.MaxCancelsPerSecond, Is.EqualTo(10));
            Assert.That(c.Risk.MaxDrawdownFraction, Is.EqualTo(0.02));
            Assert.That(c.Risk.StaleFeedMs, Is.EqualTo(3_000));
            Assert.That(c.Risk.DeadManFailuresBeforeAlarm, Is.EqualTo(2));
        });
    }

    [Test]
    public void Key_value_strings_set_parameters_by_name_and_read_back_the_same()
    {
        var c = new EngineConfig().With("imbalance=0.65", "spread_bps=1.5", "timeout_s=7.5", "direction=long", "drawdown_pct=3", "cloid_prefix=0xabc");
        Assert.Multiple(() =>
        {
            Assert.That(c.Strategy.ImbalanceThreshold, Is.EqualTo(0.65));
            Assert.That(c.Strategy.MaxSpreadBps, Is.EqualTo(1.5));
            Assert.That(c.Strategy.PositionTimeoutMs, Is.EqualTo(7_500));
            Assert.That(c.Strategy.Direction, Is.EqualTo(TradeDirection.LongOnly));
            Assert.That(c.Risk.MaxDrawdownFraction, Is.EqualTo(0.03).Within(1e-15));
            Assert.That(c.Strategy.CloidPrefix, Is.EqualTo(0xABCUL));
            Assert.That(c.Get("timeout_s"), Is.EqualTo("7.5"));
            Assert.That(c.Get("direction"), Is.EqualTo("long"));
        });
    }

    [Test]
    public void Every_setting_round_trips_through_its_own_text()
    {
        var source = new EngineConfig();
        foreach (var s in EngineConfig.Settings)
        {
            var copy = new EngineConfig();
            copy.Set(s.Key, source.Get(s.Key));
            Assert.That(copy.Get(s.Key), Is.EqualTo(source.Get(s.Key)), s.Key);
        }
    }

    [TestCase("nonsense=1", "unknown parameter 'nonsense'")]
    [TestCase("imbalance", "not key=value")]
    [TestCase("imbalance=1.2", "strictly between 0 and 1")]
    [TestCase("levels=0", "from 1 to 20")]
    [TestCase("spread_bps=abc", "spread_bps=abc")]
    [TestCase("timeout_s=-1", "above 0")]
    [TestCase("direction=sideways", "long, short or both")]
    [TestCase("spread_bps=NaN", "finite")]
    public void Bad_settings_are_refused_with_a_message_naming_the_problem(string setting, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new EngineConfig().Set(setting));
        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
