using HlScalper.Engine.Alarms;
using HlScalper.Gateway.Info;

namespace HlScalper.Live.Account;

/// <summary>Re-measures the clock skew every period (<c>clock_check_s</c>), moves the <see cref="ExchangeClock"/> to it, logs it, and
/// raises <see cref="AlarmKind.ClockSkew"/> above <see cref="ClockSkew.AlarmMs"/>.</summary>
/// <param name="report">Told each measurement: the result and whether it is past the alarm threshold.</param>
public sealed class ClockSkewMonitor(HlInfoClient info, string coin, ExchangeClock clock, TimeSpan period, Action<ClockSkewResult, bool> report, IAlarmSink? alarms, ushort coinIndex)
{
    /// <summary>Round trips per measurement (the smallest skew of them counts).</summary>
    public const int Samples = 3;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period, clock.Local);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) await MeasureOnceAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task MeasureOnceAsync(CancellationToken ct)
    {
        ClockSkewResult skew;
        try
        {
            skew = await ClockSkew.MeasureAsync(info, coin, clock.Local, Samples, ct).ConfigureAwait(false);
        }
        catch (HlInfoException)
        {
            // Keep the last skew; the next period tries again.
            return;
        }
        if (skew.Samples == 0) return;
        clock.SkewMs = skew.SkewMs;
        var alarm = Math.Abs(skew.SkewMs) > ClockSkew.AlarmMs;
        report(skew, alarm);
        if (alarm) alarms?.Raise(new Alarm(AlarmKind.ClockSkew, coinIndex, clock.GetUtcNow().ToUnixTimeMilliseconds(), skew.SkewMs));
    }
}
