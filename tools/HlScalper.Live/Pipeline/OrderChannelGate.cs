using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>
/// Holds the engine's cancels while the order channel (the WebSocket) is down and sends them when it is up again
/// (<see cref="Flush"/>, on the engine thread, when the engine handles <see cref="HlScalper.Engine.Events.ControlCode.OrderChannelUp"/>);
/// places go straight on, to be refused locally and decided again with a fresh book.
/// </summary>
/// <remarks>
/// A restarted engine decides at once to cancel an adopted entry that has gone stale, before its socket is connected; dropped, that
/// cancel was never retried, the order stayed live, and the slot it held kept the engine from entering for the whole run. A cancel
/// is as right later as it was then, so it waits; an order to place is not (the market moved), so it is not held. The queue is
/// fixed (engine thread only, no allocation): a cancel of a cloid already held is not held twice, a CancelAll replaces everything
/// held, and a full queue turns into one CancelAll.
/// </remarks>
public sealed class OrderChannelGate(IOrderSink inner, Func<bool> isUp, int capacity = 32) : IOrderSink
{
    private readonly OrderIntent[] _held = new OrderIntent[capacity];
    private int _count;

    /// <summary>Cancels held while the channel was down (counting each once).</summary>
    public long Held { get; private set; }

    /// <summary>Held cancels sent once the channel came up.</summary>
    public long Released { get; private set; }

    /// <summary>Cancels waiting now.</summary>
    public int Waiting => _count;

    public void Submit(in OrderIntent intent)
    {
        if (intent.Kind == IntentKind.Place || intent.Kind == IntentKind.None || isUp())
        {
            inner.Submit(in intent);
            return;
        }
        Hold(in intent);
    }

    /// <summary>Sends what was held, oldest first. Engine thread, once the channel is up.</summary>
    public void Flush()
    {
        for (var i = 0; i < _count; i++)
        {
            inner.Submit(in _held[i]);
            Released++;
        }
        Array.Clear(_held, 0, _count);
        _count = 0;
    }

    private void Hold(in OrderIntent intent)
    {
        Held++;
        if (intent.Kind == IntentKind.CancelAll || _count == _held.Length)
        {
            var all = intent.Kind == IntentKind.CancelAll ? intent : new OrderIntent { Kind = IntentKind.CancelAll, Coin = intent.Coin, Reason = intent.Reason, DecisionTimeMs = intent.DecisionTimeMs };
            // One cancel of everything covers every cancel held before it.
            _count = 0;
            _held[_count++] = all;
            return;
        }
        for (var i = 0; i < _count; i++)
        {
            ref readonly var held = ref _held[i];
            if (held.Kind == IntentKind.CancelAll || (held.Kind == intent.Kind && held.Cloid == intent.Cloid && held.Oid == intent.Oid)) return;
        }
        _held[_count++] = intent;
    }
}
