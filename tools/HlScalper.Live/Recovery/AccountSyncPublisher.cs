using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Recovery;

/// <summary>Hands a <see cref="RecoveryPlan"/> to the engine through the ring: one snapshot order update per adopted order, then <see cref="ControlCode.AccountSync"/> with the position.</summary>
/// <remarks>Through the ring, not by calling the runner, so the engine thread stays the only writer of its state even when a resync runs mid-session.</remarks>
public static class AccountSyncPublisher
{
    public static void Publish<TSink>(ref TSink sink, RecoveryPlan plan, ushort coin, long snapshotMs) where TSink : struct, IMarketEventSink
    {
        foreach (var order in plan.Adopt)
        {
            ref var e = ref sink.Claim();
            e.Reset(EventKind.OrderUpdate, coin, snapshotMs);
            e.Cloid = Cloid.Parse(order.Cloid!);
            e.Oid = order.Oid;
            e.Side = order.Side == "B" ? Side.Buy : Side.Sell;
            e.Px = Px.Parse(order.LimitPx);
            e.Sz = Sz.Parse(order.Sz);
            e.OrigSz = Sz.Parse(order.OrigSz ?? order.Sz);
            e.Status = OrderStatus.Open;
            e.Value = order.Timestamp;
            e.Flags = EventFlags.Snapshot | EventFlags.HasCloid | (order.ReduceOnly == true ? EventFlags.ReduceOnly : EventFlags.None);
            sink.Publish();
        }
        ref var sync = ref sink.Claim();
        sync.Reset(EventKind.Control, coin, snapshotMs);
        sync.Control = ControlCode.AccountSync;
        sync.StartPosition = new Sz(plan.PositionRaw);
        sync.Px = new Px(plan.EntryPxRaw);
        sync.Tid = plan.OpenedMs;
        sink.Publish();
    }

    /// <summary>Publishes account equity (the snapshot's account value) for the risk guards.</summary>
    public static void PublishEquity<TSink>(ref TSink sink, ClearinghouseState state, long timeMs) where TSink : struct, IMarketEventSink
    {
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Control, 0, timeMs);
        e.Control = ControlCode.Equity;
        e.Value = Fixed8.Parse(state.MarginSummary.AccountValue);
        sink.Publish();
    }
}
