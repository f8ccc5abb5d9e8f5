using System.Text;
using CsCheck;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The node's zone-less UTC timestamps, 0 to 9 fractional digits.</summary>
public class NodeTimeTests
{
    [TestCase("2026-05-05T17:39:13.024084407", 1_778_002_753_024_084_407L)]
    [TestCase("2026-05-05T17:39:13.024084", 1_778_002_753_024_084_000L)]
    [TestCase("2026-05-05T17:39:13.5", 1_778_002_753_500_000_000L)]
    [TestCase("2026-05-05T17:39:13", 1_778_002_753_000_000_000L)]
    [TestCase("2026-05-05T17:39:13.024084407Z", 1_778_002_753_024_084_407L)]
    [TestCase("1970-01-01T00:00:00.000000001", 1L)]
    public void Parses_to_unix_nanoseconds(string text, long expected)
    {
        Assert.That(NodeTime.TryParseNanos(Encoding.ASCII.GetBytes(text), out var ns), Is.True);
        Assert.That(ns, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("2026-05-05 17:39:13")]
    [TestCase("2026-02-30T00:00:00")]
    [TestCase("2026-05-05T24:00:00")]
    [TestCase("2026-05-05T17:39:13.")]
    [TestCase("2026-05-05T17:39:13.0240844071")]
    [TestCase("2026-05-05T17:39:1x")]
    [TestCase("1969-12-31T23:59:59")]
    [TestCase("2026-05-05T17:39:13+02:00")]
    public void Refuses_what_is_not_such_a_timestamp(string text) =>
        Assert.That(NodeTime.TryParseNanos(Encoding.ASCII.GetBytes(text), out _), Is.False);

    [Test]
    public void Agrees_with_DateTime_on_any_instant_written_with_nine_digits()
    {
        Gen.Long[0, new DateTime(2200, 1, 1).Ticks - DateTime.UnixEpoch.Ticks].Sample(ticks =>
        {
            var time = DateTime.UnixEpoch.AddTicks(ticks);
            var text = time.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + "00";
            Assert.That(NodeTime.TryParseNanos(Encoding.ASCII.GetBytes(text), out var ns), Is.True, text);
            Assert.That(ns, Is.EqualTo(ticks * 100), text);
        });
    }
}
