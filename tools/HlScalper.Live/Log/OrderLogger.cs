using System.Collections.Concurrent;
using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Log;

/// <summary>
/// Turns what the engine sent (its intent queue) and what came back (order updates and fills on the ring) into log lines and
/// counters, on its own thread. The exchange answers one order twice (the post response and the orderUpdates stream), so each
/// order logs one ack, one cancel and one reject at most, and each fill once (by trade id). Both answers come within
/// milliseconds, so only the newest <see cref="Remembered"/> orders and fills are remembered: memory stays bounded over any run.
/// </summary>
/// <remarks>It runs on the log thread, behind the engine; when the log's sink does not keep up, its writes wait for room (the
/// engine never does) and the ring reader counts the events it skipped.</remarks>
/// <param name="forward">Also told every engine alarm after it is logged (a webhook); null = the log only.</param>
public sealed class OrderLogger(LiveLog log, string coinName, ushort coin, bool dryRun, IntentQueue sent, TimeProvider clock, IAlarmSink? forward = null)
{
    /// <summary>Orders and fills remembered for de-duplication.</summary>
    public const int Remembered = 4096;

    /// <summary>How long one line may wait for room in the log's queue before it is dropped (counted by the log). Short: a sink that
    /// does not take lines at all makes this thread crawl, so it falls behind the engine and is lapped (counted), rather than sit on
    /// one event for minutes.</summary>
    private static readonly TimeSpan WriteWait = TimeSpan.FromMilliseconds(100);

    private readonly RecentMap<Cloid, Seen> _orders = new(Remembered);
    private readonly RecentMap<long, bool> _fills = new(Remembered);
    private readonly RecentMap<Cloid, long> _sentAt = new(Remembered);
    private readonly ConcurrentQueue<Alarm> _alarms = new();

    [Flags]
    private enum Seen : byte
    {
        None = 0,
        Ack = 1,
        Cancel = 2,
        Reject = 4,
    }

    public LiveCounters Counters { get; } = new();

    /// <summary>Gets every sent order and every answer, for the latency file (<c>live --latency-file</c>); null = none.</summary>
    public Latency.OrderLatencyWriter? Latencies { get; init; }

    /// <summary>Order handed to the socket (just before its frame is written) → first answer (ack, cancel or reject) received; written by this thread only.</summary>
    public LatencyHistogram RoundTrip { get; } = new("order-round-trip");

    /// <summary>Orders and fills remembered now (at most <see cref="Remembered"/> each).</summary>
    public (int Orders, int Fills) Remembering => (_orders.Count, _fills.Count);

    /// <summary>The engine's alarms, queued here and logged by this thread (the engine thread must not block on output).</summary>
    public IAlarmSink Alarms => new QueueAlarmSink(_alarms);

    /// <summary>Logs the intents sent so far and any alarms; called before every event so a send is logged before its answer.</summary>
    public void Drain()
    {
        while (sent.TryDequeue(out var intent))
        {
            if (intent.Intent.Kind == IntentKind.Place)
            {
                Counters.Orders++;
                if (intent.SentTimestamp != 0) _sentAt.Set(intent.Intent.Cloid, intent.SentTimestamp);
                Latencies?.Sent(intent.Intent.Cloid, intent.SentTimestamp);
            }
            else if (intent.Intent.Kind != IntentKind.None) Counters.CancelRequests++;
            Write(LogFmt.Intent(in intent, coinName, dryRun));
        }
        while (_alarms.TryDequeue(out var alarm))
        {
            Counters.CountAlarm(alarm.Kind);
            var evt = alarm.Kind switch
            {
                AlarmKind.EquityStop => "equity_stop",
                AlarmKind.KillSwitch => "kill_switch",
                AlarmKind.StaleFeed => "stale_feed",
                _ => "alarm",
            };
            Write(LogFmt.Line(clock.GetUtcNow(), evt, ("kind", alarm.Kind), ("severity", alarm.Severity), ("msg", alarm.Describe())));
            forward?.Raise(alarm);
        }
    }

    public void OnEvent(ref MarketEvent e)
    {
        Drain();
        if (e.Coin != coin || (e.Flags & EventFlags.Snapshot) != 0) return;
        if (e.Kind == EventKind.OrderUpdate) OnUpdate(ref e);
        else if (e.Kind == EventKind.Fill) OnFill(ref e);
    }

    private void OnUpdate(ref MarketEvent e)
    {
        if (e.Cloid.IsEmpty) return;
        if (e.Status == OrderStatus.CancelRejected)
        {
            // Only the post answer reports a refused cancel (the order streams report what did happen to the order), so once each.
            Counters.CancelMisses++;
            Write(LogFmt.Update(clock.GetUtcNow(), "cancel_miss", ref e, coinName));
            return;
        }
        Latencies?.Answered(ref e);
        _orders.TryGetValue(e.Cloid, out var seen);
        Seen what;
        string evt;
        if (e.Status.IsReject())
        {
            (what, evt) = (Seen.Reject, "reject");
            if ((seen & what) == 0) Counters.CountReject(e.Status);
        }
        else if (e.Status.IsCancel())
        {
            (what, evt) = (Seen.Cancel, "cancel");
            if ((seen & what) == 0) Counters.Cancels++;
        }
        else if (e.Status is OrderStatus.Open or OrderStatus.Filled or OrderStatus.Triggered)
        {
            (what, evt) = (Seen.Ack, "ack");
            if ((seen & what) == 0) Counters.Acks++;
        }
        else return;
        if ((seen & what) != 0) return;
        // The first answer of any kind ends the order's round trip.
        if (seen == Seen.None && _sentAt.TryGetValue(e.Cloid, out var sentAt) && e.ReceiveTimestamp > sentAt) RoundTrip.Record(sentAt, e.ReceiveTimestamp);
        _orders.Set(e.Cloid, seen | what);
        Write(LogFmt.Update(clock.GetUtcNow(), evt, ref e, coinName));
    }

    private void OnFill(ref MarketEvent e)
    {
        if (e.Tid != 0)
        {
            if (_fills.TryGetValue(e.Tid, out _)) return;
            _fills.Set(e.Tid, true);
        }
        Counters.Fills++;
        Counters.ClosedPnlRaw += e.ClosedPnl;
        Counters.FeesRaw += e.Fee;
        Write(LogFmt.Fill(clock.GetUtcNow(), ref e, coinName));
    }

    private void Write(string line) => log.WriteOrWait(line, WriteWait);

    private sealed class QueueAlarmSink(ConcurrentQueue<Alarm> queue) : IAlarmSink
    {
        public void Raise(in Alarm alarm) => queue.Enqueue(alarm);
    }
}
