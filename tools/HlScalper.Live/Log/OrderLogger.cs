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
/// order logs one ack, one cancel and one reject at most, and each fill once (by trade id).
/// </summary>
public sealed class OrderLogger(LiveLog log, string coinName, ushort coin, bool dryRun, IntentQueue sent, TimeProvider clock)
{
    private readonly Dictionary<Cloid, Seen> _orders = [];
    private readonly HashSet<long> _fills = [];
    private readonly Dictionary<Cloid, long> _sentAt = [];
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

    /// <summary>Order frame written → first answer (ack or reject) received; written by this thread only.</summary>
    public LatencyHistogram RoundTrip { get; } = new("order-round-trip");

    /// <summary>Also gets every alarm (the PagerDuty sink), on this thread; its Raise must not block.</summary>
    public IAlarmSink? Forward { get; init; }

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
                if (intent.SentTimestamp != 0) _sentAt[intent.Intent.Cloid] = intent.SentTimestamp;
            }
            else if (intent.Intent.Kind != IntentKind.None) Counters.CancelRequests++;
            log.Write(LogFmt.Intent(in intent, coinName, dryRun));
        }
        while (_alarms.TryDequeue(out var alarm))
        {
            Counters.CountAlarm(alarm.Kind);
            Forward?.Raise(in alarm);
            var evt = alarm.Kind switch
            {
                AlarmKind.EquityStop => "equity_stop",
                AlarmKind.KillSwitch => "kill_switch",
                AlarmKind.StaleFeed => "stale_feed",
                _ => "alarm",
            };
            log.Write(LogFmt.Line(clock.GetUtcNow(), evt, ("kind", alarm.Kind), ("severity", alarm.Severity), ("msg", alarm.Describe())));
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
        _orders[e.Cloid] = seen | what;
        if (_sentAt.Remove(e.Cloid, out var sentAt) && e.ReceiveTimestamp > sentAt) RoundTrip.Record(sentAt, e.ReceiveTimestamp);
        log.Write(LogFmt.Update(clock.GetUtcNow(), evt, ref e, coinName));
    }

    private void OnFill(ref MarketEvent e)
    {
        if (e.Tid != 0 && !_fills.Add(e.Tid)) return;
        Counters.Fills++;
        Counters.ClosedPnlRaw += e.ClosedPnl;
        Counters.FeesRaw += e.Fee;
        log.Write(LogFmt.Fill(clock.GetUtcNow(), ref e, coinName));
    }

    private sealed class QueueAlarmSink(ConcurrentQueue<Alarm> queue) : IAlarmSink
    {
        public void Raise(in Alarm alarm) => queue.Enqueue(alarm);
    }
}
