using System.Text;
using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Codec.Fuzzing;

namespace HlScalper.Protocol.Tests;

/// <summary>The fuzz harness, bounded for the suite (the long run is <c>bench fuzz</c>): mutated real messages never crash the codec, split its two parsers or publish an impossible value.</summary>
public class CodecFuzzTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH", "SOL", "@107", "PURR/USDC", "kPEPE", "DYDX");

    /// <summary>Every 13th real message and every spec example, each with a receive time just after its own event time.</summary>
    private static List<(byte[] Message, long ReceiveUnixMs)> Corpus()
    {
        var messages = Recordings.All().Where((_, i) => i % 13 == 0).Concat(Recordings.Examples().Select(e => e.Message));
        var codec = new HlCodec(Coins);
        var log = new EventLog();
        return messages.Select(m =>
        {
            var sink = new CollectingSink(log);
            codec.Parse(m, ref sink, 0);
            return (m, codec.LastEventCoin >= 0 ? codec.LastEventTimeMs + 250 : 0);
        }).ToList();
    }

    [Test]
    public void Mutated_real_messages_never_crash_the_codec_split_its_parsers_or_publish_impossible_values()
    {
        var corpus = Corpus();
        var fuzzer = new CodecFuzzer(Coins);
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.Int, Gen.Bool).Sample((index, seed, clock) =>
        {
            var (original, receive) = corpus[index];
            var message = new HlMessageMutator(seed).Mutate(original);
            var problem = fuzzer.Check(message, clock ? receive : 0);
            Assert.That(problem, Is.Null, () => $"{problem}\ninput: {Encoding.UTF8.GetString(message)}");
        }, iter: 10_000, threads: 1);

        var counts = fuzzer.Counts;
        var codec = fuzzer.CodecCounters;
        TestContext.Out.WriteLine($"{counts}\ncodec: {codec}");
        Assert.Multiple(() =>
        {
            Assert.That((counts.Crashes, counts.Disagreements, counts.ImpossibleValues), Is.EqualTo((0L, 0L, 0L)));
            // The mutations reach every defence, so the zeros above mean something.
            Assert.That(counts.Accepted, Is.GreaterThan(500), "mutations the codec still reads");
            Assert.That(counts.Malformed, Is.GreaterThan(1_000), "mutations it refuses");
            foreach (var reason in new[] { HlRejectReason.TimeOutOfRange, HlRejectReason.PriceNotPositive, HlRejectReason.SizeNotPositive, HlRejectReason.BidsNotDescending })
                Assert.That(codec.Rejected(reason), Is.Positive, reason.ToString);
            Assert.That(codec.CrossedBooks, Is.Positive, "crossed books published, flagged");
            Assert.That(codec.Fallbacks, Is.Positive, "inputs the reference parser decided");
        });
    }

    /// <summary>Any bytes from JSON's alphabet in a value the fast scanner skips: it may decline, but it never accepts what the reference parser rejects.</summary>
    [Test]
    public void Random_JSON_alphabet_in_a_skipped_value_is_accepted_by_the_fast_scanner_only_when_valid()
    {
        var alphabet = Gen.OneOf(Gen.Char["{}[]\",:0123456789-+.eE \\/bfnrtu\t"].Select(c => new[] { (byte)c }),
            Gen.Const("true"u8.ToArray()), Gen.Const("null"u8.ToArray()), Gen.Const(@"\uD800"u8.ToArray()), Gen.Const(@"\uDE00"u8.ToArray()),
            Gen.Const(new byte[] { 0xC3, 0xA9 }), Gen.Const(new byte[] { 0xFF }), Gen.Const(new byte[] { 0x01 }));
        var accepted = 0;
        alphabet.Array[1, 24].Sample(pieces =>
        {
            byte[] value = [.. pieces.SelectMany(p => p)];
            byte[] message = [.. """{"channel":"allMids","data":{"mids":{"BTC":"1"}},"x":"""u8, .. value, .. "}"u8];
            var (recognised, fast) = ParserRuns.Fast(message, Coins);
            if (!recognised) return;
            accepted++;
            Assert.That(ParserRuns.Reference(message, Coins), Is.EqualTo(fast), Encoding.UTF8.GetString(message));
        }, iter: 20_000, threads: 1);
        Assert.That(accepted, Is.Positive, "some random values are valid JSON the fast scanner skips");
    }
}
