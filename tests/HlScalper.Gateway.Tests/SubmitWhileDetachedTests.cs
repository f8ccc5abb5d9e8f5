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
        using var k1 = Signers.Create(Key);
        using var k2 = Signers.Create(Key);
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(64, new BlockingWaitStrategy());
        var channel = new WebSocketOrderChannel();
        using var sender = new PreSignedSender<RingEventSink>(new L1ActionSigner(k1, true), new L1ActionSigner(k2, true), [AssetMeta.BtcPerp], null,
            new NonceSource(), channel, new RingEventSink(ring, sequencer), TimeProvider.System);
        sender.Start();
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("90000"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
        var cancel = new OrderIntent { Kind = IntentKind.CancelByCloid, Side = Side.Buy, Cloid = entry.Cloid };

        sender.Submit(entry);
        sender.Submit(cancel);

        Assert.That(SpinWait.SpinUntil(() => sequencer.Cursor.Value >= 0, TimeSpan.FromSeconds(30)), Is.True, "no local reject arrived");
        // Give a (wrong) answer to the cancel every chance to show up behind the reject.
        Thread.Sleep(500);
        Assert.Multiple(() =>
        {
            Assert.That(sender.SendFailures, Is.EqualTo(2));
            Assert.That((ring[0].Kind, ring[0].Status, ring[0].Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Rejected, entry.Cloid)));
            Assert.That(sequencer.Cursor.Value, Is.Zero, "an unsent cancel is not answered: its order may still work (the resync says)");
            Assert.That(channel.IsConnected, Is.False);
        });
    }
}
