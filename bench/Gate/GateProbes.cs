using HlScalper.Bench.Ring;
using HlScalper.Bench.Strategy;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Scripted;

namespace HlScalper.Bench.Gate;

/// <summary>The fixed set of hot-path figures the gate watches.</summary>
public static class GateProbes
{
    public static IReadOnlyList<GateProbe> All() =>
    [
        new("px.parse", PxParse, 200_000),
        new("book.apply+signals", BookApply, 100_000),
        new("ring.publish+consume", RingPublishConsume, 1_000_000),
        new("codec.l2book", CodecL2Book, 20_000),
        new("strategy.per-event", StrategyPerEvent, 100_000),
        new("sign.encode+hash", EncodeAndHash, 20_000),
    ];

    private static readonly byte[][] Wire = new[] { "42727.0", "0.02265", "3.0", "109755.0", "0.00341", "3350.15" }
        .Select(System.Text.Encoding.ASCII.GetBytes).ToArray();

    private static long PxParse(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++) sum += Fixed8.Parse(Wire[i % Wire.Length]);
        return sum;
    }

    private static readonly L2Book Book = new();
    private static MarketEvent _snapshot = SyntheticSnapshot();

    private static long BookApply(int n)
    {
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            Book.ApplySnapshot(ref _snapshot);
            sum += Book.Imbalance(5) + Book.SpreadBps + Book.MicroPrice;
        }
        return (long)sum;
    }

    private static MarketEvent SyntheticSnapshot()
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, 1);
        for (var i = 0; i < BookLevels.Capacity; i++)
        {
            e.Bids[i] = new BookLevel(new Px((100_000 - i) * Fixed8.Scale), new Sz((i + 1) * 1_000_000), i + 1);
            e.Asks[i] = new BookLevel(new Px((100_001 + i) * Fixed8.Scale), new Sz((i + 2) * 1_000_000), i + 1);
        }
        e.BidCount = e.AskCount = BookLevels.Capacity;
        return e;
    }

    private static readonly CoinTable Coins = new("BTC");
    private static readonly HlCodec Codec = new(Coins);
    private static readonly byte[] BookMessage = new HlMessageWriter(Coins).L2Book(ref _snapshot).ToArray();
    private static readonly MarketEvent[] Slot = new MarketEvent[1];

    /// <summary>Parses into one reused slot: only the codec is timed.</summary>
    private readonly struct SlotSink : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref Slot[0];

        public void Publish() { }
    }

    private static long CodecL2Book(int n)
    {
        var sink = new SlotSink();
        for (var i = 0; i < n; i++) Codec.Parse(BookMessage, ref sink, i);
        return Slot[0].Bids[0].Px.Raw;
    }

    private static readonly StrategyWorkload Workload =
        new(AssetMeta.BtcPerp, Fixed8.FromDecimal(90_000m), new EngineConfig().With("prior_n=1000000000")) { TerminalControls = false };

    private static XorShift _random = new(2);

    private static long StrategyPerEvent(int n)
    {
        var stats = Workload.Runner.Stats;
        var target = stats.Events + n;
        while (stats.Events < target) Workload.Step(_random.Next(), _random.Next(), _random.Next());
        return stats.Events;
    }

    private static readonly L1ActionHasher Hasher = new();
    private static readonly OrderAction Order = new([OrderWire.Limit(0, true, Px.Parse("61264"), Sz.Parse("0.00123"), Tif.Alo, cloid: Cloid.FromPrefix(0xFEED, 1))]);

    private static long EncodeAndHash(int n)
    {
        Span<byte> digest = stackalloc byte[32];
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            Hasher.Digest(Order, 1_721_999_722_412 + i, null, null, true, digest);
            sum += digest[0];
        }
        return sum;
    }

    private static readonly RingBuffer<SmallEvent> GateRing = new(1 << 10);
    private static readonly SingleProducerSequencer GateSequencer = NewGateSequencer(out GateBarrier, out GateConsumed);
    private static readonly SequenceBarrier GateBarrier;
    private static readonly Sequence GateConsumed;

    private static SingleProducerSequencer NewGateSequencer(out SequenceBarrier barrier, out Sequence consumed)
    {
        var sequencer = new SingleProducerSequencer(1 << 10, new YieldingWaitStrategy());
        consumed = new Sequence();
        sequencer.AddGatingSequences(consumed);
        barrier = sequencer.NewBarrier();
        return sequencer;
    }

    /// <summary>
    /// Claim, write, publish, then wait-for and consume, on one thread: the ring's own instructions and
    /// fences without the cross-thread cache traffic, whose cost on a 2-vCPU machine swings with where the
    /// hypervisor puts the threads (BenchmarkDotNet's RingThroughputBenchmarks measures that).
    /// </summary>
    private static long RingPublishConsume(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var s = GateSequencer.Next();
            GateRing[s].Value = i;
            GateSequencer.Publish(s);
            var available = GateBarrier.WaitFor(s);
            sum += GateRing[available].Value;
            GateConsumed.SetValue(available);
        }
        return sum;
    }
}
