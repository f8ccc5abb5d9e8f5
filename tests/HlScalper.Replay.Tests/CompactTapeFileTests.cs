using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Tests;

/// <summary>The compact tape's parts on their own: the event codec, the k-way merge against the array tape's stable sort, and damage in a tape file.</summary>
public class CompactTapeFileTests
{
    private static readonly Gen<long> AnyLong = Gen.OneOf(Gen.Long, Gen.Long[-1000, 1000], Gen.Const(0L), Gen.Const(long.MinValue), Gen.Const(long.MaxValue));

    private static readonly Gen<BookLevel> AnyLevel = Gen.Select(AnyLong, AnyLong, Gen.Int).Select((px, sz, n) => new BookLevel(new(px), new(sz), n));

    /// <summary>A side as books come (prices one way, sizes and counts not negative: the codec's plain form), extremes and wrapping prices included, or any levels at all.</summary>
    private static readonly Gen<BookLevel[]> AnySide = Gen.OneOf(
        AnyLevel.Array[0, BookLevels.Capacity],
        Gen.Select(AnyLong, Gen.Bool, Gen.Select(Gen.OneOf(Gen.Long[0, 1000], Gen.Long[0, long.MaxValue]), Gen.OneOf(Gen.Long[0, 10_000], Gen.Long[0, long.MaxValue]),
                Gen.Int[0, int.MaxValue]).Array[0, BookLevels.Capacity])
            .Select((first, falling, rows) =>
            {
                var (px, side) = (first, new BookLevel[rows.Length]);
                for (var l = 0; l < rows.Length; l++)
                {
                    side[l] = new BookLevel(new(px), new(rows[l].Item2), rows[l].Item3);
                    px = unchecked(falling ? px - rows[l].Item1 : px + rows[l].Item1);
                }
                return side;
            }));

    /// <summary>Any market event a reader could publish, extremes included.</summary>
    private static readonly Gen<MarketEvent> AnyEvent = Gen.Select(
            Gen.Select(Gen.Int[0, 2].Select(k => new[] { EventKind.Book, EventKind.Bbo, EventKind.Trade }[k]), Gen.UShort, AnyLong, Gen.Byte, Gen.Bool.Select(b => b ? Side.Sell : Side.Buy)),
            Gen.Select(AnyLong, AnyLong, AnyLong, AnyLong, AnyLong, Gen.ULong, Gen.ULong),
            Gen.Select(AnySide, AnySide))
        .Select((head, values, levels) =>
        {
            var e = new MarketEvent();
            e.Reset(head.Item1, head.Item2, head.Item3);
            e.Flags = (EventFlags)head.Item4;
            e.Side = head.Item5;
            (e.ReceiveTimestamp, e.Px, e.Sz, e.Tid, e.Value) = (values.Item1, new(values.Item2), new(values.Item3), values.Item4, values.Item5);
            e.Cloid = new(values.Item6, values.Item7);
            e.BidCount = (byte)levels.Item1.Length;
            e.AskCount = (byte)levels.Item2.Length;
            for (var l = 0; l < levels.Item1.Length; l++) e.Bids[l] = levels.Item1[l];
            for (var l = 0; l < levels.Item2.Length; l++) e.Asks[l] = levels.Item2[l];
            return e;
        });

    [Test]
    public void Any_event_encodes_within_the_payload_bound_and_decodes_to_itself()
    {
        AnyEvent.Sample(e =>
        {
            var buffer = new byte[TapeCodec.MaxPayloadBytes + 8];
            var length = TapeCodec.Encode(in e, buffer);
            Assert.That(length, Is.LessThanOrEqualTo(TapeCodec.MaxPayloadBytes));
            // Book sides are written in 8-byte stores that run past the payload: they must stay within the bound, so a buffer of
            // exactly the bound takes any event, and give the same bytes.
            var exact = new byte[TapeCodec.MaxPayloadBytes];
            Assert.That(TapeCodec.Encode(in e, exact), Is.EqualTo(length));
            Assert.That(exact.AsSpan(0, length).SequenceEqual(buffer.AsSpan(0, length)), Is.True);
            // At a block's end (no bytes after the payload) and inside a block (other bytes follow, here all ones): the book
            // decoder reads 8 bytes at a time where it can, and must not let the bytes after the payload leak in.
            buffer.AsSpan(length).Fill(0xFF);
            foreach (var readable in new[] { length, length + 8 })
            {
                var back = new MarketEvent();
                var read = TapeCodec.Decode(buffer.AsSpan(0, readable), ref back, e.ExchangeTimeMs);
                Assert.That((read, EventText.Of(in back)), Is.EqualTo((length, EventText.Of(in e))));
            }
        }, iter: 2000);
    }

    [Test]
    public void Any_event_is_stepped_over_by_exactly_the_bytes_it_decodes_from_and_its_coin_read_alone()
    {
        AnyEvent.Sample(e =>
        {
            var buffer = new byte[TapeCodec.MaxPayloadBytes + 8];
            var length = TapeCodec.Encode(in e, buffer);
            buffer.AsSpan(length).Fill(0xFF);
            foreach (var readable in new[] { length, length + 8 })
                Assert.That((TapeCodec.Skip(buffer.AsSpan(0, readable)), TapeCodec.Coin(buffer.AsSpan(0, readable))), Is.EqualTo((length, e.Coin)));
        }, iter: 2000);
    }

    [Test]
    public void A_damaged_payload_is_refused_by_the_skip_exactly_where_the_decoder_refuses_it()
    {
        Gen.Select(AnyEvent, Gen.Int[0, int.MaxValue], Gen.Byte[1, 255], Gen.Bool).Sample((e, at, flip, cut) =>
        {
            var buffer = new byte[TapeCodec.MaxPayloadBytes];
            var length = TapeCodec.Encode(in e, buffer);
            var damaged = buffer.AsSpan(0, length).ToArray();
            if (cut) damaged = damaged[..(at % length)];
            else damaged[at % length] ^= flip;
            var decoded = Refused(() =>
            {
                var back = new MarketEvent();
                return TapeCodec.Decode(damaged, ref back, 0);
            });
            var skipped = Refused(() => TapeCodec.Skip(damaged));
            Assert.That(skipped, Is.EqualTo(decoded), cut ? $"cut to {damaged.Length} of {length} bytes" : $"byte {at % length} of {length} flipped by {flip}");
        }, iter: 5000);
    }

    [Test]
    public void A_bid_side_is_written_plain_and_falling_and_a_layout_flag_no_writer_sets_is_refused()
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, 1);
        e.BidCount = 3;
        for (var l = 0; l < 3; l++) e.Bids[l] = new BookLevel(new(1_000_000 - 10 * l), new(100 + l), 1 + l);
        var payload = new byte[TapeCodec.MaxPayloadBytes];
        var length = TapeCodec.Encode(in e, payload);
        // Kind, flags, side, coin (one byte), field mask (two: only the levels bit), the two counts, then the bid side's
        // widths byte and its counts byte, whose high bits say the form.
        const int formByte = 9;
        Assert.That(payload[formByte] & 0xF0, Is.EqualTo(0xC0), "plain, steps falling");
        foreach (var flags in new[] { 0x10, 0x20, 0x40, 0x80 | 0x20 })
        {
            var damaged = payload[..length];
            damaged[formByte] = (byte)((damaged[formByte] & 0xF) | flags);
            var back = new MarketEvent();
            Assert.That(() => TapeCodec.Decode(damaged, ref back, 1), Throws.TypeOf<TickDataException>(), $"flags {flags:x2}");
        }
    }

    /// <summary>The bytes read, or null when the payload is refused as damaged (any other exception fails the test).</summary>
    private static int? Refused(Func<int> read)
    {
        try
        {
            return read();
        }
        catch (TickDataException)
        {
            return null;
        }
    }

    [Test]
    public void A_book_given_less_room_than_its_rows_may_take_is_refused_not_written_past_the_buffer()
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, 1);
        e.BidCount = e.AskCount = BookLevels.Capacity;
        for (var l = 0; l < BookLevels.Capacity; l++)
        {
            e.Bids[l] = new BookLevel(new(1_000_000 - l), new(100 + l), 1);
            e.Asks[l] = new BookLevel(new(1_000_001 + l), new(100 + l), 1);
        }
        var room = new byte[TapeCodec.MaxPayloadBytes];
        var length = TapeCodec.Encode(in e, room);
        var tight = new byte[length + 64];
        Assert.That(() => TapeCodec.Encode(in e, tight.AsSpan(0, length)), Throws.ArgumentException.With.Message.Contains("room"));
        Assert.That(tight.AsSpan(length).ToArray(), Is.All.EqualTo((byte)0), "nothing written past the span it was given");
    }

    /// <summary>One file's events: times in a short range (many ties across files), a few coins in any order, trades with tids that repeat within the file.</summary>
    private static readonly Gen<(string Coin, long Time, bool Trade, long Tid, long Px)[]> FileEvents =
        Gen.Select(Gen.Int[0, 2].Select(c => new[] { "BTC", "ETH", "SOL" }[c]), Gen.Long[0, 40], Gen.Bool, Gen.Long[1, 15], Gen.Long[1, 1000]).Array[0, 60];

    [Test]
    public void The_merge_of_compact_files_reads_as_the_array_tapes_stable_sort_of_the_same_files()
    {
        FileEvents.Array[1, 6].Sample(files =>
            {
                var (merged, expected) = BothTapes(files);
                return CompactTapeRecordingTests.Texts(merged).SequenceEqual(CompactTapeRecordingTests.Texts(expected))
                       && merged.CountByCoin().SequenceEqual(expected.CountByCoin())
                       && Enumerable.Range(0, merged.Coins.Count).All(c => merged.Coins.NameOf((ushort)c) == expected.Coins.NameOf((ushort)c));
            }, iter: 300);
    }

    [Test]
    public void One_coin_of_files_holding_several_reads_as_that_coins_events_of_the_array_tape()
    {
        FileEvents.Array[1, 6].Sample(files =>
            {
                var (merged, expected) = BothTapes(files);
                for (ushort coin = 0; coin < merged.Coins.Count; coin++)
                {
                    var only = merged.Only(coin);
                    Assert.That(CompactTapeRecordingTests.Texts(only), Is.EqualTo(CompactTapeRecordingTests.Texts(expected.Only(coin))), merged.Coins.NameOf(coin));
                    Assert.That(only.EventCount, Is.EqualTo(expected.CountByCoin()[coin]));
                }
            }, iter: 300);
    }

    [Test]
    public void Trades_that_several_files_hold_come_out_once_as_from_the_array_tape()
    {
        // As in real recordings: a tid is one trade, with one coin, time and price in every file that holds it.
        var copies = FileEvents.Select(events => events.Select(x => x.Trade ? (new[] { "BTC", "ETH", "SOL" }[x.Tid % 3], x.Tid * 3, true, x.Tid, x.Tid * 7) : x).ToArray());
        copies.Array[2, 6].Sample(files =>
            {
                var (merged, expected) = BothTapes(files, tidsShared: true);
                return CompactTapeRecordingTests.Texts(merged).SequenceEqual(CompactTapeRecordingTests.Texts(expected))
                       && merged.CountByCoin().SequenceEqual(expected.CountByCoin());
            }, iter: 300);
    }

    /// <summary>The same files as one compact file each, merged, and as the array tape.</summary>
    /// <param name="tidsShared">Tids as given, so files may hold the same trade; otherwise each file's are its own.</param>
    private static (CompactTape Merged, EventTape Expected) BothTapes((string Coin, long Time, bool Trade, long Tid, long Px)[][] files, bool tidsShared = false)
    {
        var array = new TapeBuilder(new CoinTable());
        var segments = new List<TapeSegment>();
        for (var f = 0; f < files.Length; f++)
        {
            var compact = TapeBuilder.Compact(new CoinTable());
            foreach (var builder in new[] { array, compact })
                foreach (var (coin, time, trade, tid, px) in files[f])
                {
                    ref var e = ref builder.ClaimSlot();
                    e.Reset(trade ? EventKind.Trade : EventKind.Bbo, builder.Coins.Add(coin), time);
                    // Tids repeat within a file (dropped there), and across files only when shared.
                    if (trade) (e.Tid, e.Px) = (tidsShared ? tid : f * 1000 + tid, new(px));
                    else (e.BidCount, e.AskCount) = (1, 1);
                    e.Bids[0] = new BookLevel(new(px), new(1), 1);
                    e.Asks[0] = new BookLevel(new(px + 1), new(2), 1);
                    builder.PublishSlot();
                }
            segments.Add(CompactSegments.Of(compact, $"/f{f}"));
        }
        return (new CompactTape(segments), array.Build());
    }

    /// <summary>A real-sized tape file: the built-in market, a few thousand events over several blocks.</summary>
    private static byte[] SampleTapeFile()
    {
        using var tape = CompactSegments.Of(CompactSegments.BuilderOf(ReplayHarness.SyntheticTape(360_000)), "/m").OpenStream();
        using var bytes = new MemoryStream();
        tape.CopyTo(bytes);
        return bytes.ToArray();
    }

    [Test]
    public void Any_single_damaged_byte_or_cut_of_a_tape_file_is_found_when_it_is_checked()
    {
        var sound = SampleTapeFile();
        Assert.That(TapeFile.Verify(new MemoryStream(sound)).EventCount, Is.GreaterThan(1000));
        Assert.That(sound, Has.Length.GreaterThan(3 * TapeFile.BlockTarget), "several blocks, so damage lands in headers, payloads and the end");
        Gen.Select(Gen.Int[0, sound.Length - 1], Gen.Byte[1, 255]).Sample((at, flip) =>
        {
            var damaged = (byte[])sound.Clone();
            damaged[at] ^= flip;
            Assert.Throws<TickDataException>(() => TapeFile.Verify(new MemoryStream(damaged)), $"byte {at} ^ {flip}");
        }, iter: 3000);
        Gen.Int[0, sound.Length - 1].Sample(length =>
            Assert.Throws<TickDataException>(() => TapeFile.Verify(new MemoryStream(sound, 0, length)), $"cut at {length}"), iter: 1000);
    }

    [TestCase("one byte flipped")]
    [TestCase("cut in half")]
    [TestCase("not a tape")]
    public async Task A_damaged_cache_file_is_reported_and_rebuilt_not_replayed(string damage)
    {
        var paths = new[] { SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4") };
        using var cache = new TempDirectory();
        var fresh = CompactTapeRecordingTests.Texts((await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), _ => { })).Tape);
        var file = Directory.GetFiles(cache.Path).Single();
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, damage switch
        {
            "one byte flipped" => [.. bytes[..(bytes.Length / 2)], (byte)(bytes[bytes.Length / 2] ^ 0x10), .. bytes[(bytes.Length / 2 + 1)..]],
            "cut in half" => bytes[..(bytes.Length / 2)],
            _ => "{\"not\":\"a tape\"}"u8.ToArray(),
        });
        var said = new List<string>();

        var again = (await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), said.Add)).Tape;

        Assert.That(said, Has.One.Contains("rebuilding"));
        Assert.That(CompactTapeRecordingTests.Texts(again), Is.EqualTo(fresh));
        Assert.That(File.ReadAllBytes(file), Is.EqualTo(bytes), "the rebuilt file is the file first written");
    }

    [Test]
    public async Task Settings_that_change_the_events_read_key_a_different_cache_file()
    {
        var paths = new[] { SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4") };
        using var cache = new TempDirectory();
        await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), _ => { });
        await TickLoader.LoadCompactAsync(paths, true, new TapeCache(cache.Path), _ => { });
        await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), _ => { });

        Assert.That(Directory.GetFiles(cache.Path), Has.Length.EqualTo(2));
        Assert.That(new TapeCache(cache.Path).Clear(), Is.EqualTo(2));
        Assert.That(Directory.GetFiles(cache.Path), Is.Empty);
    }
}
