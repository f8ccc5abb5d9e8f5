using System.Globalization;

namespace HlScalper.Replay.Sweep;

/// <summary>
/// How a walk-forward cuts the data into folds, from <c>--train</c> and <c>--test</c>: either lengths (<c>--train 6h --test 2h</c>:
/// the first fold trains on the data's first 6 h and tests on the 2 h after; each next fold moves on by the test length, so the
/// test windows follow each other without overlap; <c>--anchored</c> keeps every training window starting at the data's start),
/// or explicit UTC ranges <c>FROM..TO</c>, one fold per <c>--train</c>/<c>--test</c> pair.
/// </summary>
public sealed class WalkForwardPlan
{
    private readonly long _trainMs, _testMs;
    private readonly IReadOnlyList<WalkForwardFold>? _explicit;

    private WalkForwardPlan(long trainMs, long testMs, bool anchored, IReadOnlyList<WalkForwardFold>? explicitFolds) =>
        (_trainMs, _testMs, Anchored, _explicit) = (trainMs, testMs, anchored, explicitFolds);

    public bool Anchored { get; }

    /// <summary>Whether the folds were given as ranges rather than lengths.</summary>
    public bool IsExplicit => _explicit is not null;

    /// <summary>What the plan does, in one line.</summary>
    public string Describe() => _explicit is { } folds
        ? $"{folds.Count} fold(s) as given"
        : $"rolling: train {Length(_trainMs)}{(Anchored ? " anchored at the data's start (growing)" : "")}, test the {Length(_testMs)} after, moving on by {Length(_testMs)}";

    /// <param name="train">Each <c>--train</c>: one length (30m, 6h, 2d) or one <c>FROM..TO</c> range per fold.</param>
    /// <param name="test">Each <c>--test</c>, alike, paired in order with <paramref name="train"/>.</param>
    /// <param name="parseTime">A time as Unix ms (the CLI's ISO-8601 or Unix ms parser), null when the text is neither.</param>
    /// <exception cref="ArgumentException">The message says what is wrong and how to write it.</exception>
    public static WalkForwardPlan Parse(IReadOnlyList<string> train, IReadOnlyList<string> test, bool anchored, Func<string, long?> parseTime)
    {
        if (train.Count == 0 || test.Count == 0) throw new ArgumentException("a walk-forward needs both --train and --test");
        var ranges = train.Concat(test).Count(t => t.Contains("..", StringComparison.Ordinal));
        if (ranges == 0)
        {
            if (train.Count != 1 || test.Count != 1) throw new ArgumentException("lengths (--train 6h --test 2h) are given once; repeat --train/--test only with FROM..TO ranges");
            return new WalkForwardPlan(ParseLength("--train", train[0]), ParseLength("--test", test[0]), anchored, null);
        }
        if (ranges != train.Count + test.Count) throw new ArgumentException("give either lengths (--train 6h --test 2h) or FROM..TO ranges for every --train and --test, not both");
        if (anchored) throw new ArgumentException("--anchored applies to lengths; with FROM..TO ranges write each training range as wanted");
        if (train.Count != test.Count) throw new ArgumentException($"{train.Count} --train range(s) but {test.Count} --test range(s): give them in pairs, one of each per fold");
        var folds = new List<WalkForwardFold>();
        for (var i = 0; i < train.Count; i++)
        {
            var (trainFrom, trainTo) = ParseRange("--train", train[i], parseTime);
            var (testFrom, testTo) = ParseRange("--test", test[i], parseTime);
            if (trainTo > testFrom) throw new ArgumentException($"fold {i + 1}: training ({train[i]}) must end before its test ({test[i]}) starts, or it would rank on the test's own events");
            folds.Add(new WalkForwardFold(i + 1, trainFrom, trainTo, testFrom, testTo));
        }
        return new WalkForwardPlan(0, 0, false, folds);
    }

    /// <summary>The folds over data from <paramref name="firstMs"/> to <paramref name="lastMs"/> (event times): explicit ones as given, rolling ones while a whole test window fits.</summary>
    public IReadOnlyList<WalkForwardFold> Folds(long firstMs, long lastMs)
    {
        if (_explicit is { } given) return given;
        var folds = new List<WalkForwardFold>();
        for (var testFrom = firstMs + _trainMs; testFrom + _testMs <= lastMs + 1; testFrom += _testMs)
            folds.Add(new WalkForwardFold(folds.Count + 1, Anchored ? firstMs : testFrom - _trainMs, testFrom, testFrom, testFrom + _testMs));
        return folds;
    }

    /// <summary>A length such as 90s, 30m, 6h or 2d, in ms.</summary>
    public static long ParseLength(string option, string text)
    {
        var t = text.Trim();
        long unit = t.Length == 0 ? 0 : char.ToLowerInvariant(t[^1]) switch
        {
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => 0,
        };
        if (unit == 0 || !long.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > long.MaxValue / unit / 4)
            throw new ArgumentException($"{option} '{text}' is not a length: a whole number with s, m, h or d (e.g. 90s, 30m, 6h, 2d), or a FROM..TO range");
        return n * unit;
    }

    private static (long From, long To) ParseRange(string option, string text, Func<string, long?> parseTime)
    {
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        var from = parseTime(text[..dots].Trim());
        var to = parseTime(text[(dots + 2)..].Trim());
        if (from is null || to is null)
            throw new ArgumentException($"{option} '{text}' is not FROM..TO: two UTC times (2025-09-04T19:50 or Unix ms) joined by '..'");
        if (from < 0 || to > MaxMs) throw new ArgumentException($"{option} '{text}' lies outside the calendar (1970 to 9999)");
        if (to <= from) throw new ArgumentException($"{option} '{text}' ends before it starts");
        return (from.Value, to.Value);
    }

    private const long MaxMs = 253_402_300_799_999;

    private static string Length(long ms) => ms % 86_400_000 == 0 ? $"{ms / 86_400_000}d"
        : ms % 3_600_000 == 0 ? $"{ms / 3_600_000}h"
        : ms % 60_000 == 0 ? $"{ms / 60_000}m"
        : $"{ms / 1000}s";
}
