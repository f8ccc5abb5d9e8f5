using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>An order submitted while the WebSocket is down (between a drop and the reconnect) is rejected locally, on the ring, instead of throwing on the engine thread; an unsent cancel is left to the resync.</summary>
public class SubmitWhileDetachedTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    [Test]
    public void A_place_on_a_detached_channel_is_counted_and_answered_with_a_reject_event_and_a_cancel_is_only_counted()
    {
        using var key = Signers.Create(Key);
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
        var channel = new WebSocketOrderChannel();
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(key, true), [AssetMeta.BtcPerp], null, new NonceSource(), channel,
            new RingEventSink(ring, sequencer), TimeProvider.System);
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("90000"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
        var cancel = new OrderIntent { Kind = IntentKind.CancelByCloid, Side = Side.Buy, Cloid = Cloid.FromPrefix(0xFEED, 0) };

        // The cancel goes first: unsent posts are answered in order, so by the time the entry's reject shows, the cancel has
        // already been taken from the queue, and nothing on that path publishes.
        sender.Submit(cancel);
        sender.Submit(entry);

        Assert.That(SpinWait.SpinUntil(() => sequencer.Cursor.Value >= 0, TimeSpan.FromSeconds(30)), Is.True, "no local reject arrived");
        Assert.Multiple(() =>
        {
            Assert.That(sender.SendFailures, Is.EqualTo(2));
            Assert.That((ring[0].Kind, ring[0].Status, ring[0].Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Rejected, entry.Cloid)));
            Assert.That(sequencer.Cursor.Value, Is.Zero, "an unsent cancel is not answered: its order may still work (the resync says)");
            Assert.That(channel.IsConnected, Is.False);
        });
    }
}
