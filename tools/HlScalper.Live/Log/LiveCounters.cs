using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;

namespace HlScalper.Live.Log;

/// <summary>What the live run did, as the summary line reports it; written by the log thread only, read after it stops (and by a metrics scrape while it runs).</summary>
public sealed class LiveCounters
{
    private readonly long[] _rejects = new long[Enum.GetValues<OrderStatus>().Length];
    private readonly long[] _alarms = new long[Enum.GetValues<AlarmKind>().Length];

    /// <summary>Orders (places) sent.</summary>
    public long Orders { get; internal set; }

    /// <summary>Orders the exchange accepted (resting or filled at once).</summary>
    public long Acks { get; internal set; }

    public long Fills { get; internal set; }

    /// <summary>Orders confirmed cancelled (by us, the dead-man switch, or the exchange).</summary>
    public long Cancels { get; internal set; }

    /// <summary>Orders refused: by the exchange, or locally when the socket was down.</summary>
    public long Rejects { get; internal set; }

    /// <summary>Cancels the exchange refused because the order was no longer open (filled or cancelled first): logged <c>evt=cancel_miss</c>, never counted as rejects.</summary>
    public long CancelMisses { get; internal set; }

    /// <summary>Cancel requests sent (one order or all).</summary>
    public long CancelRequests { get; internal set; }

    /// <summary>Closed PnL of this run's fills, raw fixed-point USDC.</summary>
    public long ClosedPnlRaw { get; internal set; }

    /// <summary>Fees of this run's fills, raw fixed-point USDC (negative = rebates).</summary>
    public long FeesRaw { get; internal set; }

    /// <summary>Rejects by the exchange's status (the reason).</summary>
    public long RejectsBy(OrderStatus status) => _rejects[(int)status];

    /// <summary>Alarms raised, by kind: the engine's (counted by the log thread), the watchdog's and the clock check's.</summary>
    public long AlarmsOf(AlarmKind kind) => Volatile.Read(ref _alarms[(int)kind]);

    internal void CountReject(OrderStatus status)
    {
        Rejects++;
        _rejects[(int)status]++;
    }

    // The log thread counts the engine's alarms and other threads their own (watchdog, clock check), so the count is interlocked.
    internal void CountAlarm(AlarmKind kind) => Interlocked.Increment(ref _alarms[(int)kind]);

    /// <summary>Realised PnL after fees, USDC.</summary>
    public decimal Pnl => HlScalper.Engine.Numbers.Fixed8.ToDecimal(ClosedPnlRaw - FeesRaw);
}
