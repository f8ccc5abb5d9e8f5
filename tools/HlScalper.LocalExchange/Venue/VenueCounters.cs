using System.Text.Json;

namespace HlScalper.LocalExchange.Venue;

/// <summary>What the local exchange did over its run, as <c>/sim/state</c> and the status line report it; mutated under the venue's lock.</summary>
public sealed class VenueCounters
{
    /// <summary>Orders received (each order of a batch counts).</summary>
    public long Orders;

    /// <summary>Orders that rested or filled.</summary>
    public long Acks;

    public long Fills;

    /// <summary>Orders cancelled (by request, IOC remainder, or the dead-man switch).</summary>
    public long Cancels;

    /// <summary>Error answers: whole actions and single orders or cancels.</summary>
    public long Rejects;

    public long InjectedRejects;

    public long ScheduledCancels;

    public long Kicks;

    public long MarketEvents;

    /// <summary>Market events applied while the feed was stalled, so pushed to nobody.</summary>
    public long StalledEvents;

    /// <summary>Actions held by the injected latency, in all; changed with <see cref="Interlocked"/> because holding happens outside the lock.</summary>
    public long DelayedActions;

    /// <summary>Actions held by the injected latency now; changed with <see cref="Interlocked"/> like <see cref="DelayedActions"/>.</summary>
    public long HeldActions;

    public Dictionary<string, long> RejectsByReason { get; } = [];

    public void Reject(string reason)
    {
        Rejects++;
        RejectsByReason[reason] = RejectsByReason.GetValueOrDefault(reason) + 1;
    }

    public void Write(Utf8JsonWriter w, int connections)
    {
        w.WriteStartObject("counters");
        w.WriteNumber("orders", Orders);
        w.WriteNumber("acks", Acks);
        w.WriteNumber("fills", Fills);
        w.WriteNumber("cancels", Cancels);
        w.WriteNumber("rejects", Rejects);
        w.WriteStartObject("rejectsByReason");
        foreach (var (reason, count) in RejectsByReason) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteNumber("injectedRejects", InjectedRejects);
        w.WriteNumber("scheduledCancels", ScheduledCancels);
        w.WriteNumber("kicks", Kicks);
        w.WriteNumber("connections", connections);
        w.WriteNumber("marketEvents", MarketEvents);
        w.WriteNumber("stalledEvents", StalledEvents);
        w.WriteNumber("delayedActions", Interlocked.Read(ref DelayedActions));
        w.WriteNumber("heldActions", Interlocked.Read(ref HeldActions));
        w.WriteEndObject();
    }

    public string Summary(int connections) =>
        $"orders={Orders} acks={Acks} fills={Fills} cancels={Cancels} rejects={Rejects} injected_rejects={InjectedRejects} scheduled_cancels={ScheduledCancels} kicks={Kicks} connections={connections}";
}
