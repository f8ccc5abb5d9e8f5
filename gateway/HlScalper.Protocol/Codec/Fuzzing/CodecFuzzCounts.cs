namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>What a fuzz run found: the four counts that must be zero, and what the codec made of the inputs.</summary>
internal sealed class CodecFuzzCounts
{
    public long Inputs { get; internal set; }
    /// <summary>An exception out of a parser or the codec, or a parser fault the codec had to swallow.</summary>
    public long Crashes { get; internal set; }
    /// <summary>Inputs whose check took longer than <see cref="CodecFuzzer.HangThreshold"/>.</summary>
    public long Hangs { get; internal set; }
    /// <summary>The fast scanner accepted what the reference parser rejects or reads differently, or the codec accepted what the reference or System.Text.Json rejects.</summary>
    public long Disagreements { get; internal set; }
    /// <summary>Published events that break <see cref="EventSanity"/>, or a decimal the wire never writes in a field the codec read.</summary>
    public long ImpossibleValues { get; internal set; }
    public long Accepted { get; internal set; }
    public long Malformed { get; internal set; }
    public long EventsPublished { get; internal set; }
    public TimeSpan Slowest { get; internal set; }

    public bool Clean => Crashes == 0 && Hangs == 0 && Disagreements == 0 && ImpossibleValues == 0;

    public override string ToString() =>
        $"inputs={Inputs} crashes={Crashes} hangs={Hangs} disagreements={Disagreements} impossible={ImpossibleValues} " +
        $"accepted={Accepted} malformed={Malformed} events={EventsPublished} slowest_ms={Slowest.TotalMilliseconds:0.###}";
}
