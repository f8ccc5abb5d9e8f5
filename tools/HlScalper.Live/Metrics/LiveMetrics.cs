using System.Diagnostics;
using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using Prometheus;

namespace HlScalper.Live.Metrics;

/// <summary>
/// The <c>live</c> verb's Prometheus metrics. Nothing on the engine, feed or log threads calls the library: every value is read
/// at scrape time from the plain fields those threads write (the pipeline's counters, <c>EngineStats</c>, the latency
/// histograms), in the registry's before-collect callback.
/// </summary>
/// <remarks>
/// Reads race with the writers by design: each field is a naturally aligned 64-bit value (atomic on x64 and arm64), so a scrape
/// sees either the old or the new value of each, never a torn one; values of one scrape may be a few events apart. The position
/// is a <see cref="decimal"/> (16 bytes) and is read twice until two reads agree.
/// </remarks>
public sealed class LiveMetrics
{
    private const string Prefix = "hlscalper_";

    private readonly LiveEngine _engine;
    private readonly Counter _orders, _acks, _fills, _cancels, _rejects, _localRejects, _reconnects, _parseErrors, _deadManRefreshes, _deadManFailures, _alarms, _engineEvents;
    private readonly Gauge _position, _openOrders, _equity, _drawdown, _pnl, _feedAge, _skew, _engineLag, _deadManInRow, _canary;
    private readonly LatencyExport _tickToTrade, _roundTrip;
    private long _firstSeen;

    public LiveMetrics(LiveEngine engine, string coin)
    {
        _engine = engine;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string> { ["coin"] = coin });
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _orders = f.CreateCounter(Prefix + "orders_total", "Orders (places) sent.");
        _acks = f.CreateCounter(Prefix + "acks_total", "Orders the exchange accepted (resting or filled at once).");
        _fills = f.CreateCounter(Prefix + "fills_total", "Fills of our orders.");
        _cancels = f.CreateCounter(Prefix + "cancels_total", "Orders confirmed cancelled.");
        _rejects = f.CreateCounter(Prefix + "rejects_total", "Orders the exchange refused, by its status.", "reason");
        _localRejects = f.CreateCounter(Prefix + "local_rejects_total", "Order frames the socket refused (never reached the exchange).");
        _reconnects = f.CreateCounter(Prefix + "reconnects_total", "WebSocket reconnects.");
        _parseErrors = f.CreateCounter(Prefix + "parse_errors_total", "Feed messages neither parser could read.");
        _deadManRefreshes = f.CreateCounter(Prefix + "deadman_refreshes_total", "Dead-man switch refreshes (scheduleCancel) accepted.");
        _deadManFailures = f.CreateCounter(Prefix + "deadman_failures_total", "Dead-man switch refreshes that failed.");
        _alarms = f.CreateCounter(Prefix + "alarms_total", "Alarms raised, by kind: the engine's, the watchdog's and the clock check's.", "kind");
        _engineEvents = f.CreateCounter(Prefix + "engine_events_total", "Events the engine thread handled: market data, order updates, timers.");
        _position = f.CreateGauge(Prefix + "position_coins", "Signed position in coins.");
        _openOrders = f.CreateGauge(Prefix + "open_orders", "Orders of ours the engine tracks as live.");
        _equity = f.CreateGauge(Prefix + "equity_usd", "Equity: the exchange's account value plus PnL since, position marked to mid.");
        _drawdown = f.CreateGauge(Prefix + "drawdown_ratio", "Equity below the day's peak, as a share of the peak (0.02 = 2 %).");
        _pnl = f.CreateGauge(Prefix + "pnl_usd", "Closed PnL after fees of this run's fills.");
        _feedAge = f.CreateGauge(Prefix + "feed_age_seconds", "Time since the last WebSocket message (data or pong).");
        _skew = f.CreateGauge(Prefix + "clock_skew_seconds", "Our clock minus the exchange's, measured at start (positive = ours ahead).");
        _engineLag = f.CreateGauge(Prefix + "engine_lag_events", "Events published to the ring that the engine thread has not handled yet.");
        _deadManInRow = f.CreateGauge(Prefix + "deadman_failures_in_row", "Dead-man refresh failures in a row now (the alarm's measure).");
        _canary = f.CreateGauge(Prefix + "canary_verdict", "Canary runs: 1 promote, -1 reject, 0 undecided or still running.");
        var latency = new HistogramConfiguration { Buckets = LatencyExport.BucketsSeconds };
        _tickToTrade = new LatencyExport(f.CreateHistogram(Prefix + "tick_to_trade_seconds", "Wire receive of the causing event to order frame written.", latency));
        _roundTrip = new LatencyExport(f.CreateHistogram(Prefix + "order_round_trip_seconds", "Order frame written to the exchange's first answer received.", latency));
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    private void Collect()
    {
        _canary.Set(_engine.Canary is { } verdict ? (int)verdict.Outcome : 0);
        if (_engine.ClockSkewMs is { } skew) _skew.Set(skew / 1000);
        if (_engine.Pipeline is not { } p) return;
        if (_firstSeen == 0) _firstSeen = Stopwatch.GetTimestamp();

        var c = p.Counters;
        _orders.IncTo(c.Orders);
        _acks.IncTo(c.Acks);
        _fills.IncTo(c.Fills);
        _cancels.IncTo(c.Cancels);
        foreach (var status in Enum.GetValues<OrderStatus>())
            if (c.RejectsBy(status) is > 0 and var n) _rejects.WithLabels(status.ToString()).IncTo(n);
        foreach (var kind in Enum.GetValues<AlarmKind>())
            if (c.AlarmsOf(kind) is > 0 and var n) _alarms.WithLabels(kind.ToString()).IncTo(n);
        _localRejects.IncTo(p.SenderCounters.SendFailures);
        _reconnects.IncTo(p.Reconnects);
        _parseErrors.IncTo(p.CodecCounters.Malformed);
        var deadMan = p.DeadManCounters;
        _deadManRefreshes.IncTo(deadMan.Refreshes);
        _deadManFailures.IncTo(deadMan.Failures);
        _deadManInRow.Set(deadMan.FailuresInRow);
        _pnl.Set((double)c.Pnl);

        var stats = p.Runner.Stats;
        _engineEvents.IncTo(stats.Events);
        _position.Set((double)StablePosition(stats));
        _openOrders.Set(p.Runner.Orders.LiveCount);
        var (equity, peak) = (stats.Equity, stats.PeakEquity);
        _equity.Set(equity);
        _drawdown.Set(peak > 0 ? Math.Max(0, (peak - equity) / peak) : 0);
        var last = p.FeedLastMessage;
        _feedAge.Set((Stopwatch.GetTimestamp() - (last != 0 ? last : _firstSeen)) / (double)Stopwatch.Frequency);
        _engineLag.Set(p.EngineLag);
        _tickToTrade.Update(p.TickToTrade);
        _roundTrip.Update(p.OrderRoundTrip);
    }

    private static decimal StablePosition(HlScalper.Engine.Strategy.EngineStats stats)
    {
        var position = stats.Position;
        for (var again = stats.Position; again != position; again = stats.Position) position = again;
        return position;
    }
}
