using System.Text;
using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Codec.Fuzzing;

namespace HlScalper.Protocol.Tests;

/// <summary>Post answers read by the codec into statuses, field by field, on both parsers; hostile answers neither crash it nor split its parsers.</summary>
public class PostReplyTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH");

    private sealed record Seen(long Id, PostReplyKind Kind, ExchangeResponseType Type, OrderStatus Refusal, string Text, string[] Statuses);

    private static (HlMessageKind Kind, List<Seen> Seen, HlCodec Codec) Read(byte[] message)
    {
        var codec = new HlCodec(Coins);
        var seen = new List<Seen>();
        codec.OnPostResponse = (long id, in PostReply r) => seen.Add(new Seen(id, r.Kind, r.Type, r.Refusal, Encoding.UTF8.GetString(r.Text),
            r.Statuses.ToArray().Select(s => ParserRuns.StatusText(in s)).ToArray()));
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var kind = codec.Parse(message, ref sink, 1);
        Assert.That(log.Count, Is.Zero, "a post answer publishes no market events");
        return (kind, seen, codec);
    }

    private static string Status(ActionStatusKind kind, long oid = 0, string sz = "0", string px = "0", OrderStatus refusal = OrderStatus.Unknown) =>
        $"status {kind} oid={oid} sz={Sz.Parse(sz).Raw} px={Px.Parse(px).Raw} refusal={refusal}";

    [Test]
    public void Every_spec_post_answer_is_read_on_the_fast_path_field_by_field()
    {
        var expected = new Dictionary<long, Seen>
        {
            [123] = new(123, PostReplyKind.Other, default, OrderStatus.Rejected, "", []),
            [256] = new(256, PostReplyKind.Statuses, ExchangeResponseType.Order, OrderStatus.Rejected, "", [Status(ActionStatusKind.Resting, 88383)]),
            [257] = new(257, PostReplyKind.Statuses, ExchangeResponseType.Order, OrderStatus.Rejected, "",
                [Status(ActionStatusKind.Filled, 77747314, "0.02", "1891.4"), Status(ActionStatusKind.Error, refusal: OrderStatus.BadAloPxRejected)]),
            [258] = new(258, PostReplyKind.Statuses, ExchangeResponseType.Cancel, OrderStatus.Rejected, "",
                [Status(ActionStatusKind.Success), Status(ActionStatusKind.Error, refusal: OrderStatus.Rejected)]),
            [259] = new(259, PostReplyKind.Refused, default, OrderStatus.Rejected, "User or API Wallet 0xc06d73162e9bffbcfbf1da59c511002a8f9155e5 does not exist.", []),
            [260] = new(260, PostReplyKind.Error, default, OrderStatus.Rejected, "429 Too Many Requests", []),
            [261] = new(261, PostReplyKind.Statuses, ExchangeResponseType.Default, OrderStatus.Rejected, "", []),
        };
        var examples = Recordings.Examples().Where(e => e.Kind == "post-response").ToList();
        Assert.That(examples, Has.Count.EqualTo(expected.Count));
        foreach (var (_, message) in examples)
        {
            var (kind, seen, codec) = Read(message);
            Assert.That(kind, Is.EqualTo(HlMessageKind.Post));
            Assert.That(codec.Counters.Fallbacks, Is.Zero, Encoding.UTF8.GetString(message));
            Assert.That(seen, Has.Count.EqualTo(1));
            var want = expected[seen[0].Id];
            Assert.That(seen[0] with { Statuses = [] }, Is.EqualTo(want with { Statuses = [] }));
            Assert.That(seen[0].Statuses, Is.EqualTo(want.Statuses));
            Assert.That(ParserRuns.Fast(message, Coins), Is.EqualTo((true, ParserRuns.Reference(message, Coins))));
        }
    }

    [TestCase("Price must be divisible by tick size.", OrderStatus.TickRejected)]
    [TestCase("Order must have minimum value of $10.", OrderStatus.MinTradeNtlRejected)]
    [TestCase("Insufficient margin to place order.", OrderStatus.PerpMarginRejected)]
    [TestCase("Reduce only order would increase position.", OrderStatus.ReduceOnlyRejected)]
    [TestCase("Post only order would have immediately matched, bbo was 1891.3@1891.4", OrderStatus.BadAloPxRejected)]
    [TestCase("Order could not immediately match against any resting orders.", OrderStatus.IocCancelRejected)]
    [TestCase("Order was never placed, already canceled, or filled.", OrderStatus.Rejected)]
    public void A_refused_order_carries_the_status_its_text_names(string text, OrderStatus status)
    {
        var message = PostAnswers.Message(7, PostAnswers.Statuses("order", $$"""{"error":"{{text}}"}"""));
        var (_, seen, _) = Read(message);
        Assert.That(seen.Single().Statuses, Is.EqualTo(new[] { Status(ActionStatusKind.Error, refusal: status) }));
        var refused = Read(PostAnswers.Message(8, PostAnswers.Action($$"""{"status":"err","response":"{{text}}"}""")));
        Assert.That((refused.Seen.Single().Kind, refused.Seen.Single().Refusal, refused.Seen.Single().Text), Is.EqualTo((PostReplyKind.Refused, status, text)));
    }

    [TestCase("""{"type":"action","payload":{"status":"maybe","response":"x"}}""")]
    [TestCase("""{"type":"action","payload":{"status":"ok","response":{"type":"order","data":{"statuses":[5]}}}}""")]
    [TestCase("""{"type":"action","payload":{"status":"ok","response":{"type":"order","data":{"statuses":[{"resting":{"cloid":"0x1"}}]}}}}""")]
    [TestCase("""{"type":"action","payload":{"status":"ok","response":{"type":"order","data":{"statuses":[{"filled":{"totalSz":"0.1","avgPx":100,"oid":1}}]}}}}""")]
    [TestCase("""{"type":"action","payload":{"status":"ok","response":{"type":"order"}}}""")]
    [TestCase("""{"type":"action","payload":{"status":"ok","response":{"type":"bulk","data":{"statuses":[]}}}}""")]
    [TestCase("""{"type":"action"}""")]
    [TestCase("""{"payload":{}}""")]
    [TestCase("""[1,2]""")]
    public void An_answer_of_an_unknown_shape_is_unreadable_and_still_a_post(string response)
    {
        var (kind, seen, codec) = Read(PostAnswers.Message(9, response));
        Assert.That(kind, Is.EqualTo(HlMessageKind.Post));
        Assert.That(codec.Counters.Fallbacks, Is.EqualTo(1), "the fast scanner declines, the reference decides");
        Assert.That((seen.Single().Kind, seen.Single().Refusal, seen.Single().Statuses.Length), Is.EqualTo((PostReplyKind.Unreadable, OrderStatus.Rejected, 0)));
    }

    [TestCase("""{"resting":{"oid":-3}}""", HlRejectReason.NegativeId)]
    [TestCase("""{"filled":{"totalSz":"0.02","avgPx":"0","oid":4}}""", HlRejectReason.PriceNotPositive)]
    [TestCase("""{"filled":{"totalSz":"0.0","avgPx":"1891.4","oid":4}}""", HlRejectReason.SizeNotPositive)]
    public void An_impossible_status_refuses_the_answer_whole(string status, HlRejectReason reason)
    {
        var (kind, seen, codec) = Read(PostAnswers.Message(10, PostAnswers.Statuses("order", """{"resting":{"oid":1}}""", status)));
        Assert.That(kind, Is.EqualTo(HlMessageKind.Malformed));
        Assert.That(seen, Is.Empty, "the order path is told nothing; the order streams answer for the orders");
        Assert.That(codec.Counters.Rejected(reason), Is.EqualTo(1));
    }

    [Test]
    public void Escaped_text_and_keys_take_the_reference_and_mean_the_same()
    {
        var plain = Read(PostAnswers.Message(11, PostAnswers.Statuses("order", """{"error":"Order must have minimum value of $10."}""", """{"resting":{"oid":5}}""")));
        var escaped = Read(PostAnswers.Message(11, PostAnswers.Statuses("order", """{"\u0065rror":"\u004frder must have minimum value of $10."}""", """{"resting":{"oid":5}}""")));
        Assert.That(escaped.Codec.Counters.Fallbacks, Is.EqualTo(1));
        Assert.That(escaped.Seen.Single().Statuses, Is.EqualTo(plain.Seen.Single().Statuses));
        Assert.That(plain.Seen.Single().Statuses[0], Is.EqualTo(Status(ActionStatusKind.Error, refusal: OrderStatus.MinTradeNtlRejected)));
    }

    [Test]
    public void A_repeated_key_counts_by_its_last_occurrence_on_both_parsers()
    {
        const string Repeated = """{"resting":{"oid":1,"oid":2},"resting":{"oid":3}}""";
        var fast = Read(PostAnswers.Message(12, PostAnswers.Statuses("order", Repeated)));
        var reference = Read(PostAnswers.Message(12, PostAnswers.Statuses("order", Repeated.Replace("\"resting\"", "\"r\\u0065sting\""))));
        Assert.That((fast.Codec.Counters.Fallbacks, reference.Codec.Counters.Fallbacks), Is.EqualTo((0L, 1L)));
        Assert.That(fast.Seen.Single().Statuses, Is.EqualTo(new[] { Status(ActionStatusKind.Resting, 3) }));
        Assert.That(reference.Seen.Single().Statuses, Is.EqualTo(fast.Seen.Single().Statuses));
    }

    private static readonly string[] Texts =
        ["Order must have minimum value of $10.", "Insufficient margin to place order.", "Order was never placed, already canceled, or filled.", "Something new."];

    private static readonly Gen<(string Json, string Expected)> GenStatus = Gen.Frequency(
        (3, Gen.Long[0, 1L << 52].Select(oid => ("{\"resting\":{\"oid\":" + oid + ",\"cloid\":\"0x00000000000000000000000000000001\"}}", Status(ActionStatusKind.Resting, oid)))),
        (2, Gen.Select(Gen.Long[0, 1L << 52], Gen.Long[1, 1_000_000_00000000L], Gen.Long[1, 2_000_000_00000000L]).Select((oid, sz, px) =>
            ("{\"filled\":{\"totalSz\":\"" + Fixed8.ToString(sz) + "\",\"avgPx\":\"" + Fixed8.ToString(px) + "\",\"oid\":" + oid + "}}",
                Status(ActionStatusKind.Filled, oid, Fixed8.ToString(sz), Fixed8.ToString(px))))),
        (2, Gen.Int[0, Texts.Length - 1].Select(i => ($$"""{"error":"{{Texts[i]}}"}""", Status(ActionStatusKind.Error, refusal: HlRefusalTexts.Classify(Encoding.UTF8.GetBytes(Texts[i])))))),
        (1, Gen.Const(("\"success\"", Status(ActionStatusKind.Success)))),
        (1, Gen.Const(("\"waitingForFill\"", Status(ActionStatusKind.Waiting)))));

    [Test]
    public void Generated_answers_come_out_as_generated_whatever_their_layout([Values] bool scramble)
    {
        Gen.Select(GenStatus.List[0, 40], Gen.Long[1, 999_999_999_999_999_999], Gen.Int).Sample((statuses, id, seed) =>
        {
            var compact = PostAnswers.Message(id, PostAnswers.Statuses("order", statuses.Select(s => s.Json).ToArray()));
            var message = scramble
                ? Encoding.UTF8.GetBytes(new JsonScrambler(new Random(seed), escapeStrings: seed % 3 == 0, addUnknownFields: true).Scramble(Encoding.UTF8.GetString(compact)))
                : compact;
            var (kind, seen, codec) = Read(message);
            Assert.That(kind, Is.EqualTo(HlMessageKind.Post), codec.LastError);
            Assert.That((seen.Single().Id, seen.Single().Kind, seen.Single().Type), Is.EqualTo((id, PostReplyKind.Statuses, ExchangeResponseType.Order)));
            Assert.That(seen.Single().Statuses, Is.EqualTo(statuses.Select(s => s.Expected).ToArray()));
            if (!scramble) Assert.That(codec.Counters.Fallbacks, Is.Zero, "the server's own layout stays on the fast path");
            var (recognised, fast) = ParserRuns.Fast(message, Coins);
            if (recognised) Assert.That(fast, Is.EqualTo(ParserRuns.Reference(message, Coins)));
        }, iter: 300);
    }

    /// <summary>Found by the mutation test below (seed 83YM_kDRw_P1): an order answer whose type became "default" still holds a malformed fill size.</summary>
    [Test]
    public void A_default_answer_hands_on_no_statuses_so_the_fuzzer_holds_none_of_its_decimals_against_the_codec()
    {
        const string statuses = "[{\"filled\":{\"totalSz\":\"7273<5.9696592\",\"avgPx\":\"866141.63655431\",\"oid\":1017571300238986}},\"waitingForFill\"]";
        var message = Encoding.UTF8.GetBytes("{\"channel\":\"post\",\"data\":{\"id\":1033,\"response\":{\"type\":\"action\",\"payload\":{\"status\":\"ok\","
                                             + "\"response\":{\"type\":\"default\",\"data\":{\"statuses\":" + statuses + "}}}}}}");
        var (kind, seen, _) = Read(message);
        Assert.That(kind, Is.EqualTo(HlMessageKind.Post));
        Assert.That((seen.Single().Type, seen.Single().Statuses), Is.EqualTo((ExchangeResponseType.Default, Array.Empty<string>())));
        Assert.That(new CodecFuzzer(Coins).Check(message, 0), Is.Null);
        var asOrder = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).Replace("\"default\"", "\"order\""));
        Assert.That(Read(asOrder).Seen.Single().Statuses.Select(x => x.Split(' ')[1]), Does.Not.Contain("Filled"), "read as an order answer, the malformed fill is not a fill");
    }

    [Test]
    public void Mutated_post_answers_never_crash_the_codec_split_its_parsers_or_hand_on_an_impossible_status()
    {
        var responses = PostAnswers.SpecResponses();
        GenStatus.List[1, 6].Sample(list => responses.Add(PostAnswers.Statuses(list.Count % 2 == 0 ? "order" : "cancel", list.Select(s => s.Json).ToArray())), iter: 40, threads: 1);
        var corpus = responses.Select((response, i) => PostAnswers.Message(1000 + i, response)).ToList();
        var fuzzer = new CodecFuzzer(Coins);
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.Int).Sample((index, seed) =>
        {
            var message = PostAnswers.Mutate(seed, corpus[index]);
            var problem = fuzzer.Check(message, 0);
            Assert.That(problem, Is.Null, () => $"{problem}\ninput: {Encoding.UTF8.GetString(message)}");
        }, iter: 8_000, threads: 1);

        var counts = fuzzer.Counts;
        var codec = fuzzer.CodecCounters;
        TestContext.Out.WriteLine($"{counts}\ncodec: {codec}");
        Assert.Multiple(() =>
        {
            Assert.That((counts.Crashes, counts.Disagreements, counts.ImpossibleValues), Is.EqualTo((0L, 0L, 0L)));
            Assert.That(counts.Accepted, Is.GreaterThan(1_000), "mutations the codec still reads");
            Assert.That(counts.Malformed, Is.GreaterThan(500), "mutations it refuses");
            Assert.That(codec.Rejected(HlRejectReason.NegativeId), Is.Positive, "impossible statuses refused");
            Assert.That(codec.Fallbacks, Is.Positive, "inputs the reference parser decided");
        });
    }
}
