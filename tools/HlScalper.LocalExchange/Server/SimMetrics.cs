using HlScalper.LocalExchange.Venue;
using Prometheus;

namespace HlScalper.LocalExchange.Server;

/// <summary>The <c>sim</c> venue's counters as Prometheus metrics, read under the venue's lock at scrape time.</summary>
public sealed class SimMetrics
{
    private const string Prefix = "hlscalper_sim_";

    private readonly LocalVenue _venue;
    private readonly Counter _orders, _acks, _fills, _cancels, _rejects, _injected, _scheduled, _kicks, _events;
    private readonly Gauge _connections;

    public SimMetrics(LocalVenue venue)
    {
        _venue = venue;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _orders = f.CreateCounter(Prefix + "orders_total", "Orders received (each order of a batch counts).");
        _acks = f.CreateCounter(Prefix + "acks_total", "Orders that rested or filled.");
        _fills = f.CreateCounter(Prefix + "fills_total", "Fills.");
        _cancels = f.CreateCounter(Prefix + "cancels_total", "Orders cancelled (request, IOC remainder, dead-man switch).");
        _rejects = f.CreateCounter(Prefix + "rejects_total", "Error answers, by the exchange's error text.", "reason");
        _injected = f.CreateCounter(Prefix + "injected_rejects_total", "Rejects injected by the --reject-share fault.");
        _scheduled = f.CreateCounter(Prefix + "scheduled_cancels_total", "Dead-man (scheduleCancel) firings.");
        _kicks = f.CreateCounter(Prefix + "kicks_total", "WebSockets dropped by the --kick-every fault.");
        _events = f.CreateCounter(Prefix + "market_events_total", "Market events replayed.");
        _connections = f.CreateGauge(Prefix + "connections", "WebSocket clients connected.");
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    private void Collect() => _venue.Locked(() =>
    {
        var c = _venue.Counters;
        _orders.IncTo(c.Orders);
        _acks.IncTo(c.Acks);
        _fills.IncTo(c.Fills);
        _cancels.IncTo(c.Cancels);
        foreach (var (reason, count) in c.RejectsByReason) _rejects.WithLabels(reason).IncTo(count);
        _injected.IncTo(c.InjectedRejects);
        _scheduled.IncTo(c.ScheduledCancels);
        _kicks.IncTo(c.Kicks);
        _events.IncTo(c.MarketEvents);
        _connections.Set(_venue.Connections);
        return 0;
    });
}
