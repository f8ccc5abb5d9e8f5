using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;

namespace HlScalper.Replay.Tests;

/// <summary>What the scripted test handler saw and did: counts, a running checksum of the stream, time-order violations.</summary>
public sealed class ScriptState(IOrderSink orders)
{
    public readonly IOrderSink Orders = orders;
    public readonly L2Book Book = new();
    public readonly long[] KindCounts = new long[8];
    public long Checksum = 17;
    public long LastTimeMs;
    public int TimeWentBackwards;
    public long Position;
    public Cloid Working;
    public long WorkingSinceMs;
    public bool WorkingIsExit;
    public bool CancelSent;
    public long InPositionSinceMs;
    public long EntryPxRaw;
    public ulong NextCloid = 1;
    public long Placed;
}

/// <summary>A tiny, fixed trading script for exercising the exchange and driver (test code, not a strategy): join the bid, take two ticks, time out.</summary>
public struct ScriptedHandler(ScriptState s) : IEventHandler<MarketEvent>
{
    private static readonly Sz Size = Sz.Parse("0.01");
    private const long EntryTimeoutMs = 3_000;
    private const long HoldTimeoutMs = 10_000;

    public readonly ScriptState State => s;

    public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch)
    {
        var time = e.ExchangeTimeMs;
        if (time < s.LastTimeMs) s.TimeWentBackwards++;
        // A delayed answer carries the older time the exchange acted at; like the engine's clock, the script's only moves forward.
        time = Math.Max(time, s.LastTimeMs);
        s.LastTimeMs = time;
        s.KindCounts[(int)e.Kind]++;
        s.Checksum = unchecked(s.Checksum * 31 + ((long)e.Kind << 56 ^ time ^ e.Px.Raw * 7 ^ e.Sz.Raw * 13 ^ (long)e.Status << 40));

        switch (e.Kind)
        {
            case EventKind.Book:
                s.Book.ApplySnapshot(in e);
                break;
            case EventKind.OrderUpdate when e.Cloid == s.Working && e.Status.IsTerminal():
                s.Working = default;
                s.CancelSent = false;
                break;
            case EventKind.Fill:
                if (s.Position == 0) s.InPositionSinceMs = time;
                if (e.Side == Side.Buy) s.EntryPxRaw = e.Px.Raw;
                s.Position += e.Side == Side.Buy ? e.Sz.Raw : -e.Sz.Raw;
                break;
        }

        if (s.Working.IsEmpty)
        {
            if (s.Position == 0 && s.Book.HasTwoSides)
                Place(time, Side.Buy, Tif.Alo, s.Book.BestBid.Raw, Size.Raw, reduceOnly: false, IntentReason.Entry);
            else if (s.Position > 0 && time - s.InPositionSinceMs > HoldTimeoutMs && s.Book.HasTwoSides)
                Place(time, Side.Sell, Tif.Ioc, s.Book.BestBid.Raw - 5 * 100_000_000L, s.Position, reduceOnly: true, IntentReason.TimeoutExit);
            else if (s.Position > 0 && s.Book.HasTwoSides)
                Place(time, Side.Sell, Tif.Alo, Math.Max(s.EntryPxRaw + 2 * 100_000_000L, s.Book.BestAsk.Raw), s.Position, reduceOnly: true, IntentReason.TakeProfit);
        }
        else if (!s.CancelSent)
        {
            var stale = s.WorkingIsExit ? time - s.InPositionSinceMs > HoldTimeoutMs : time - s.WorkingSinceMs > EntryTimeoutMs;
            if (stale)
            {
                s.CancelSent = true;
                var cancel = new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = s.Working, Reason = s.WorkingIsExit ? IntentReason.TimeoutExit : IntentReason.EntryTimeout, DecisionTimeMs = time };
                s.Orders.Submit(in cancel);
            }
        }
    }

    private void Place(long time, Side side, Tif tif, long pxRaw, long szRaw, bool reduceOnly, IntentReason reason)
    {
        s.Working = Cloid.FromPrefix(0xC0FFEE, s.NextCloid++);
        s.WorkingSinceMs = time;
        s.Placed++;
        s.WorkingIsExit = side == Side.Sell;
        var intent = new OrderIntent
        {
            Kind = IntentKind.Place, Side = side, Tif = tif, ReduceOnly = reduceOnly, Reason = reason,
            Px = new(pxRaw), Sz = new(szRaw), Cloid = s.Working, DecisionTimeMs = time,
        };
        s.Orders.Submit(in intent);
    }

    public void OnBatchStart(long batchSize) { }

    public void OnTimeout(long sequence) { }

    public void OnStart() { }

    public void OnShutdown() { }
}
