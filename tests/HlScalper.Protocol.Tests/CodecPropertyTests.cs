using System.Text;
using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Codec.Fuzzing;

namespace HlScalper.Protocol.Tests;

/// <summary>Fast scanner and reference parser agree whatever the form of a message: key order, whitespace, escapes, unknown fields.</summary>
public class CodecPropertyTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH", "SOL", "@107", "PURR/USDC", "kPEPE", "DYDX");

    private static List<string> Corpus()
    {
        var real = Recordings.All().Where((_, i) => i % 97 == 0);
        var examples = Recordings.Examples().Select(e => e.Message);
        return real.Concat(examples).Select(Encoding.UTF8.GetString).ToList();
    }

    [Test]
    public void Reordered_keys_whitespace_and_unknown_fields_stay_on_the_fast_path_with_the_same_events()
    {
        var corpus = Corpus();
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.Int).Sample((index, seed) =>
        {
            var original = corpus[index];
            var scrambled = new JsonScrambler(new Random(seed), escapeStrings: false, addUnknownFields: true).Scramble(original);
            var bytes = Encoding.UTF8.GetBytes(scrambled);
            var (recognised, fast) = ParserRuns.Fast(bytes, Coins);
            var expected = ParserRuns.Reference(Encoding.UTF8.GetBytes(original), Coins);
            Assert.That(recognised, Is.True, scrambled);
            Assert.That(fast, Is.EqualTo(expected), scrambled);
            Assert.That(ParserRuns.Reference(bytes, Coins), Is.EqualTo(expected), scrambled);
        }, iter: 400);
    }

    [Test]
    public void Escaped_strings_fall_back_to_the_reference_parser_and_mean_the_same()
    {
        var corpus = Corpus();
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.Int).Sample((index, seed) =>
        {
            var original = corpus[index];
            var scrambled = Encoding.UTF8.GetBytes(new JsonScrambler(new Random(seed), escapeStrings: true, addUnknownFields: true).Scramble(original));
            var expected = ParserRuns.Reference(Encoding.UTF8.GetBytes(original), Coins);
            var (recognised, fast) = ParserRuns.Fast(scrambled, Coins);
            if (recognised) Assert.That(fast, Is.EqualTo(expected));

            var codec = new HlCodec(Coins);
            var log = new EventLog();
            var sink = new CollectingSink(log);
            var kind = codec.Parse(scrambled, ref sink, 5);
            Assert.That(kind, Is.Not.EqualTo(HlMessageKind.Malformed), codec.LastError);
            Assert.That(codec.Counters.Fallbacks, Is.EqualTo(recognised ? 0 : 1));
            Assert.That(log.Describe(), Is.EqualTo(expected.Split('\n').Skip(1).Where(l => !l.StartsWith("reply=") && !l.StartsWith("status ")).Select(l => l.Replace("rx=0", "rx=5"))));
        }, iter: 300);
    }

    [Test]
    public void Codec_decimal_scanner_agrees_with_Fixed8_except_that_it_refuses_leading_zeros() =>
        Gen.Select(Gen.Char["0123456789.-"].Array[0, 24], Gen.Long).Sample((chars, raw) =>
        {
            foreach (var text in new[] { new string(chars), Wire(raw == long.MinValue ? 0 : raw) })
            {
                var bytes = Encoding.ASCII.GetBytes(text);
                var leadingZero = System.Text.RegularExpressions.Regex.IsMatch(text, "^-?0[0-9]");
                var expectedOk = Fixed8.TryParse(bytes, out var expected) == Fixed8Error.None && !leadingZero;
                var ok = DecimalScanner.TryParse(bytes, out var actual);
                if (ok != expectedOk || (ok && actual != expected)) return false;
            }
            return true;
        }, iter: 2000);

    private static readonly Gen<long> GenPx = Gen.Long[1, 2_000_000_00000000L];
    private static readonly Gen<long> GenSz = Gen.Long[1, 1_000_000_00000000L];

    private static string Wire(long raw)
    {
        Span<byte> b = stackalloc byte[Fixed8.MaxFormattedLength];
        return Encoding.ASCII.GetString(b[..Fixed8.Format(raw, b)]);
    }

    /// <summary>Compact server layout exercises the byte-for-byte fast path; scrambled layout the key loop.</summary>
    private static byte[] Layout(string json, int seed, bool scramble) =>
        Encoding.UTF8.GetBytes(scramble ? new JsonScrambler(new Random(seed), false, true).Scramble(json) : json);

    [Test]
    public void Generated_trades_come_out_exactly_as_generated([Values] bool scramble)
    {
        var genTrade = Gen.Select(GenPx, GenSz, Gen.Bool, Gen.Long[0, 1L << 53], Gen.Long[1_600_000_000_000L, 2_000_000_000_000L]);
        Gen.Select(genTrade.List[0, 12], Gen.Int).Sample((trades, seed) =>
        {
            var json = "{\"channel\":\"trades\",\"data\":[" + string.Join(",", trades.Select(t =>
                $"{{\"coin\":\"ETH\",\"side\":\"{(t.Item3 ? "B" : "A")}\",\"px\":\"{Wire(t.Item1)}\",\"sz\":\"{Wire(t.Item2)}\",\"time\":{t.Item5},\"hash\":\"0x00\",\"tid\":{t.Item4},\"users\":[\"0xa\",\"0xb\"]}}")) + "]}";
            var message = Layout(json, seed, scramble);
            var codec = new HlCodec(Coins);
            var log = new EventLog();
            var sink = new CollectingSink(log);
            Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(HlMessageKind.Trades));
            Assert.That(codec.Counters.Fallbacks, Is.Zero);
            Assert.That(log.Count, Is.EqualTo(trades.Count));
            for (var i = 0; i < trades.Count; i++)
            {
                var e = log[i];
                var t = trades[i];
                Assert.That((e.Kind, e.Coin, e.Px.Raw, e.Sz.Raw, e.Side, e.Tid, e.ExchangeTimeMs),
                    Is.EqualTo((EventKind.Trade, (ushort)1, t.Item1, t.Item2, t.Item3 ? Side.Buy : Side.Sell, t.Item4, t.Item5)));
            }
        }, iter: 200);
    }

    [Test]
    public void Generated_books_keep_the_first_20_levels_of_each_side([Values] bool scramble)
    {
        // Prices as the exchange orders them: bids strictly down from the mid, asks strictly up (gaps ≥ 1 raw unit).
        var genSide = Gen.Select(Gen.Long[1, 1_000_00000000L], Gen.Select(Gen.Long[1, 5_00000000L], GenSz, Gen.Int[0, 5000]).List[0, 25]);
        Gen.Select(Gen.Long[100_000_00000000L, 1_000_000_00000000L], genSide, genSide, Gen.Int).Sample((mid, bidWalk, askWalk, seed) =>
        {
            var bids = Walk(mid - bidWalk.Item1, bidWalk.Item2, -1);
            var asks = Walk(mid + askWalk.Item1, askWalk.Item2, +1);
            static string Side(List<(long, long, int)> levels) =>
                "[" + string.Join(",", levels.Select(l => $"{{\"px\":\"{Wire(l.Item1)}\",\"sz\":\"{Wire(l.Item2)}\",\"n\":{l.Item3}}}")) + "]";
            var json = $"{{\"channel\":\"l2Book\",\"data\":{{\"coin\":\"SOL\",\"time\":1790360262000,\"levels\":[{Side(bids)},{Side(asks)}]}}}}";
            var message = Layout(json, seed, scramble);
            var codec = new HlCodec(Coins);
            var log = new EventLog();
            var sink = new CollectingSink(log);
            Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(HlMessageKind.L2Book));
            var e = log[0];
            Assert.That((int)e.BidCount, Is.EqualTo(Math.Min(20, bids.Count)));
            Assert.That((int)e.AskCount, Is.EqualTo(Math.Min(20, asks.Count)));
            for (var i = 0; i < e.BidCount; i++) Assert.That((e.Bids[i].Px.Raw, e.Bids[i].Sz.Raw, e.Bids[i].Count), Is.EqualTo(bids[i]));
            for (var i = 0; i < e.AskCount; i++) Assert.That((e.Asks[i].Px.Raw, e.Asks[i].Sz.Raw, e.Asks[i].Count), Is.EqualTo(asks[i]));
        }, iter: 200);
    }

    /// <summary>Levels from <paramref name="best"/> outwards, each step one generated gap further in <paramref name="direction"/>.</summary>
    private static List<(long Px, long Sz, int N)> Walk(long best, List<(long Gap, long Sz, int N)> steps, int direction)
    {
        var levels = new List<(long, long, int)>();
        var px = best;
        foreach (var (gap, sz, n) in steps)
        {
            levels.Add((px, sz, n));
            px += direction * gap;
        }
        return levels;
    }
}
