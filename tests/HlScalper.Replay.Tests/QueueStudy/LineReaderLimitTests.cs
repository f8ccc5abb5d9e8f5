using System.Text;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The line reader's length limit: a longer line comes back empty and flagged, its bytes never all buffered, and reading goes on.</summary>
public class LineReaderLimitTests
{
    [TestCase(16)]
    [TestCase(1 << 12)]
    public void A_line_over_the_limit_is_flagged_and_the_next_lines_come_back_intact(int initialBuffer)
    {
        var text = "short\n" + new string('x', 100_000) + "\nafter\n" + new string('y', 65) + "\n" + new string('z', 64);
        var reader = new LineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), initialBuffer, maxLineLength: 64);
        var lines = new List<(string Text, bool TooLong)>();
        while (reader.TryReadLine(out var line)) lines.Add((Encoding.ASCII.GetString(line), reader.LastLineTooLong));
        Assert.That(lines, Is.EqualTo(new[] { ("short", false), ("", true), ("after", false), ("", true), (new string('z', 64), false) }));
        Assert.That(reader.LineNumber, Is.EqualTo(5));
    }

    [Test]
    public void A_last_line_over_the_limit_without_a_newline_is_flagged_too()
    {
        var reader = new LineReader(new MemoryStream(Encoding.ASCII.GetBytes("ok\n" + new string('x', 1000))), 16, maxLineLength: 100);
        Assert.That(reader.TryReadLine(out _) && !reader.LastLineTooLong, Is.True);
        Assert.That(reader.TryReadLine(out var last) && reader.LastLineTooLong && last.IsEmpty, Is.True);
        Assert.That(reader.TryReadLine(out _), Is.False);
    }
}
