using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live.Account;
using HlScalper.Live.Log;
using HlScalper.Live.Producers;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Recovery;

/// <summary>
/// Brings the engine in line with the exchange: at start-up (recovery) and after every reconnect (resync) it takes an
/// <see cref="AccountSnapshot"/>, applies the <see cref="RecoveryPlan"/> (orphans cancelled, foreign orders reported) and hands
/// the adopted orders and position to the engine through the ring. Each step is a log line.
/// </summary>
/// <param name="actions">Cancels orphans; null in a dry run (nothing is sent, orphans are only reported).</param>
/// <param name="clock">Stamps the log lines.</param>
/// <param name="eventClock">Stamps the snapshots handed to the engine (exchange time, as the order times they are compared with); null = <paramref name="clock"/>.</param>
public sealed class AccountReconciler(Uri api, string user, string coin, ushort coinIndex, ulong prefix, RingPublisher publisher, AccountActions? actions,
    LiveLog log, TimeProvider clock, TimeProvider? eventClock = null)
{
    /// <summary>Start-up recovery; returns the snapshot (its account value and state start the run).</summary>
    public async Task<AccountSnapshot> RecoverAsync(HlInfoClient info, CancellationToken ct)
    {
        var snapshot = await AccountSnapshot.FetchAsync(info, user, eventClock ?? clock, ct).ConfigureAwait(false);
        await ApplyAsync(snapshot, recovery: true, ct).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>After a reconnect: post answers and order updates in flight were lost, so the exchange's open orders and position go to the engine again. Never throws.</summary>
    public async Task ResyncAsync(CancellationToken ct)
    {
        try
        {
            // Its own client: a resync may outlive the run's (it is not awaited by the stop).
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var snapshot = await AccountSnapshot.FetchAsync(new HlInfoClient(http, api) { MaxAttempts = 3 }, user, eventClock ?? clock, ct).ConfigureAwait(false);
            await ApplyAsync(snapshot, recovery: false, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HlInfoException or ExchangeException or OperationCanceledException or FormatException)
        {
            Write("warning", ("msg", $"resync after reconnect failed: {e.Message}"));
        }
    }

    private async Task ApplyAsync(AccountSnapshot snapshot, bool recovery, CancellationToken ct)
    {
        var plan = RecoveryPlan.From(snapshot, coin, prefix);
        foreach (var order in plan.Foreign)
            Write("foreign", ("coin", order.Coin), ("oid", order.Oid), ("cloid", order.Cloid ?? "none"), ("side", order.Side), ("px", order.LimitPx), ("sz", order.Sz),
                ("action", "left_alone"));
        var cancelled = 0;
        if (plan.Cancel.Count > 0)
        {
            foreach (var order in plan.Cancel)
                Write("orphan", ("coin", order.Coin), ("oid", order.Oid), ("cloid", order.Cloid), ("action", actions is null ? "none_dry_run" : "cancel"));
            if (actions is not null) cancelled = await actions.CancelAsync(plan.Cancel, ct).ConfigureAwait(false);
        }
        if (recovery)
        {
            foreach (var order in plan.Adopt)
                Write("adopt", ("kind", "order"), ("coin", order.Coin), ("oid", order.Oid), ("cloid", order.Cloid), ("side", order.Side), ("px", order.LimitPx),
                    ("sz", order.Sz), ("ro", order.ReduceOnly == true ? 1 : 0));
            if (plan.PositionRaw != 0)
                Write("adopt", ("kind", "position"), ("coin", coin), ("szi", Fixed8.ToString(plan.PositionRaw)), ("entry_px", Fixed8.ToString(plan.EntryPxRaw)),
                    ("opened", DateTimeOffset.FromUnixTimeMilliseconds(plan.OpenedMs).UtcDateTime.ToString("O")));
        }
        publisher.AccountSync(plan, coinIndex, snapshot.TakenUtcMs);
        Write(recovery ? "recovered" : "resynced", ("orders", plan.Adopt.Count), ("orphans_cancelled", cancelled), ("foreign", plan.Foreign.Count),
            ("position", Fixed8.ToString(plan.PositionRaw)));
    }

    private void Write(string evt, params ReadOnlySpan<(string Key, object? Value)> fields) => log.Write(LogFmt.Line(clock.GetUtcNow(), evt, fields));
}
