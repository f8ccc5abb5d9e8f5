using HlScalper.Engine.Events;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.DeadMan;

/// <summary>Keeps the exchange's <c>scheduleCancel</c> a few seconds ahead, so all orders are cancelled if this process stops refreshing it.</summary>
/// <remarks>
/// Failures in a row are counted; past <see cref="DeadManOptions.AlarmAfter"/> every failure publishes
/// <see cref="ControlCode.DeadManFailed"/> (Value = failures in a row), and the first success after that
/// publishes <see cref="ControlCode.DeadManOk"/>. The exchange allows 10 triggers a day, so a clean stop
/// clears the schedule (<see cref="ClearAsync"/>) instead of letting it fire. The sink is written from this
/// switch's own task: give it a multi-producer ring sink.
/// <para>A refresh must be earned: <paramref name="mayRefresh"/> is asked before each one (the live run asks whether the engine kept
/// up), and a refusal skips it (<see cref="Withheld"/>), so the exchange cancels everything of a process that is alive but stuck.
/// <see cref="Abandon"/> stops the refreshes for good and keeps the schedule when the switch stops, for a run that dies.</para>
/// </remarks>
/// <param name="mayRefresh">Asked before each refresh; false withholds it. Null: always refresh.</param>
public sealed class DeadManSwitch<TSink>(Func<ExchangeAction, CancellationToken, Task> send, TSink sink, DeadManOptions options, TimeProvider clock, ushort coin = 0,
    Func<bool>? mayRefresh = null)
    where TSink : struct, IMarketEventSink
{
    private readonly ScheduleCancelAction _action = new();
    private readonly Lock _publish = new();
    private TSink _sink = sink;
    private int _failuresInRow;
    private long _withheld;
    private volatile bool _abandoned;

    /// <summary>Refreshes skipped because <c>mayRefresh</c> said no or the switch was abandoned.</summary>
    public long Withheld => Interlocked.Read(ref _withheld);

    /// <summary>True after <see cref="Abandon"/>.</summary>
    public bool Abandoned => _abandoned;

    /// <summary>No refresh from now on, and the schedule stays when the switch stops: the exchange cancels every order at the last time set.</summary>
    public void Abandon() => _abandoned = true;

    public int FailuresInRow => Volatile.Read(ref _failuresInRow);

    public long Refreshes { get; private set; }

    public long Failures { get; private set; }

    public bool Alarmed => FailuresInRow > options.AlarmAfter;

    /// <summary>Refreshes every <see cref="DeadManOptions.Interval"/> until cancelled; then clears the schedule.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        options.Validate();
        using var timer = new PeriodicTimer(options.Interval, clock);
        try
        {
            do await RefreshOnceAsync(cancel).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            if (!_abandoned) await ClearAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>One refresh: schedule the cancel <see cref="DeadManOptions.Ahead"/> from now; returns whether the exchange accepted it.</summary>
    public async Task<bool> RefreshOnceAsync(CancellationToken cancel)
    {
        if (_abandoned || mayRefresh?.Invoke() == false)
        {
            Interlocked.Increment(ref _withheld);
            return false;
        }
        _action.Time = clock.GetUtcNow().Add(options.Ahead).ToUnixTimeMilliseconds();
        try
        {
            await send(_action, cancel).ConfigureAwait(false);
        }
        catch (ExchangeException)
        {
            Failures++;
            var failures = Interlocked.Increment(ref _failuresInRow);
            if (failures > options.AlarmAfter) Publish(ControlCode.DeadManFailed, failures);
            return false;
        }
        Refreshes++;
        if (Interlocked.Exchange(ref _failuresInRow, 0) > options.AlarmAfter) Publish(ControlCode.DeadManOk, 0);
        return true;
    }

    /// <summary>Removes the schedule (scheduleCancel without a time), so a clean stop does not use one of the day's triggers.</summary>
    public async Task<bool> ClearAsync(CancellationToken cancel)
    {
        _action.Time = null;
        try
        {
            await send(_action, cancel).ConfigureAwait(false);
            return true;
        }
        catch (ExchangeException)
        {
            return false;
        }
    }

    private void Publish(ControlCode code, long value)
    {
        lock (_publish)
        {
            ref var e = ref _sink.Claim();
            e.Reset(EventKind.Control, coin, clock.GetUtcNow().ToUnixTimeMilliseconds());
            e.Control = code;
            e.Value = value;
            _sink.Publish();
        }
    }
}
