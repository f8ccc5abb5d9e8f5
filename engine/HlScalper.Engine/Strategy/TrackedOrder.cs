using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Strategy;

/// <summary>One order the slot runner sent, from submission until it is terminal and its fills are accounted for.</summary>
public struct TrackedOrder
{
    public Cloid Cloid;

    /// <summary>Exchange order id once acknowledged, else 0.</summary>
    public long Oid;

    public OrderRole Role;
    public IntentReason Reason;
    public Side Side;
    public long PxRaw;
    public long OrigSzRaw;

    /// <summary>Size not yet filled, per our own fills.</summary>
    public long RemainingRaw;

    public long SentMs;

    /// <summary>Working on the exchange (or on its way): counts toward the slot and open orders.</summary>
    public bool Live;

    public bool Acked;

    /// <summary>An exit given up on after no answer (exit_retry_s) that may still be working at the exchange: no entry goes until it is answered, an account sync leaves it out, or its table entry is reused.</summary>
    public bool Unanswered;

    /// <summary>Snapshot time of the last account sync that listed this order as working.</summary>
    public long SyncedMs;
    public bool CancelSent;

    /// <summary>Remembered after it went terminal so late fills are still attributed; reused when the table is full.</summary>
    public bool InUse;
}
