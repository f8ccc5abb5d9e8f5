using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Account;

/// <summary>
/// Measures clock skew from REST <c>l2Book</c> round trips: the book's <c>time</c> (ms resolution) against the midpoint of our
/// send and receive times. Better than the HTTP Date header's 1 s; the error is at most half the round trip plus the book's age,
/// and the book's age only makes us look ahead, so the smallest of several samples is taken. Samples are spaced so a slow
/// market can publish a fresher book between them.
/// </summary>
public static class ClockSkew
{
    public const double AlarmMs = 150;

    private static readonly TimeSpan SampleSpacing = TimeSpan.FromMilliseconds(100);

    public static async Task<ClockSkewResult> MeasureAsync(HlInfoClient info, string coin, TimeProvider clock, int samples, CancellationToken ct)
    {
        var best = double.MaxValue;
        var bestRoundTrip = 0.0;
        var taken = 0;
        for (var i = 0; i < samples; i++)
        {
            if (i > 0) await Task.Delay(SampleSpacing, clock, ct).ConfigureAwait(false);
            var sent = clock.GetUtcNow();
            var book = await info.L2BookAsync(coin, ct).ConfigureAwait(false);
            var received = clock.GetUtcNow();
            if (book is null || book.Time <= 0) continue;
            var mid = sent.ToUnixTimeMilliseconds() + (received - sent).TotalMilliseconds / 2;
            var skew = mid - book.Time;
            taken++;
            if (skew >= best) continue;
            best = skew;
            bestRoundTrip = (received - sent).TotalMilliseconds;
        }
        return taken == 0 ? default : new ClockSkewResult(best, bestRoundTrip, taken);
    }
}
