using System.Numerics;
using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>Encodes one market event as a few varints (the fields it sets) and its book levels, only as many as it holds, as fixed-width columns (<see cref="BookSideCodec"/>).</summary>
/// <remarks>
/// Lossless for every field of <see cref="MarketEvent"/> a market event can carry, so a replay from the compact tape
/// hands the engine the same event it got from the 1,080-byte array. Time and tie order are not part of the payload:
/// the block writes them as steps from the event before. A BBO is ~12 bytes, a trade ~20, a 20-level book ~230.
/// </remarks>
internal static class TapeCodec
{
    /// <summary>The most one payload can take: fixed bytes, 13 optional fields, two sides.</summary>
    public const int MaxPayloadBytes = 3 + 3 + 3 + 13 * 10 + 2 + 2 * BookSideCodec.MaxBytes;

    private const int ReceiveBit = 1, PxBit = 2, SzBit = 4, OrigSzBit = 8, StartBit = 16, OidBit = 32, TidBit = 64, FeeBit = 128,
        PnlBit = 256, ValueBit = 512, CloidBit = 1024, StatusBit = 2048, ControlBit = 4096, LevelsBit = 8192;

    /// <summary>Encodes <paramref name="e"/> at the start of <paramref name="to"/>, which must have <see cref="MaxPayloadBytes"/> of room (a book side is written in 8-byte stores); returns the payload's length.</summary>
    public static int Encode(in MarketEvent e, Span<byte> to)
    {
        var p = 0;
        to[p++] = (byte)e.Kind;
        to[p++] = (byte)e.Flags;
        to[p++] = (byte)e.Side;
        Varint.Write(to, ref p, e.Coin);
        var mask = (e.ReceiveTimestamp != 0 ? ReceiveBit : 0) | (e.Px.Raw != 0 ? PxBit : 0) | (e.Sz.Raw != 0 ? SzBit : 0) | (e.OrigSz.Raw != 0 ? OrigSzBit : 0)
                   | (e.StartPosition.Raw != 0 ? StartBit : 0) | (e.Oid != 0 ? OidBit : 0) | (e.Tid != 0 ? TidBit : 0) | (e.Fee != 0 ? FeeBit : 0)
                   | (e.ClosedPnl != 0 ? PnlBit : 0) | (e.Value != 0 ? ValueBit : 0) | (e.Cloid != default ? CloidBit : 0)
                   | (e.Status != OrderStatus.Unknown ? StatusBit : 0) | (e.Control != ControlCode.None ? ControlBit : 0)
                   | (e.BidCount + e.AskCount > 0 ? LevelsBit : 0);
        Varint.Write(to, ref p, (ulong)mask);
        if ((mask & ReceiveBit) != 0) Varint.WriteSigned(to, ref p, e.ReceiveTimestamp);
        if ((mask & PxBit) != 0) Varint.WriteSigned(to, ref p, e.Px.Raw);
        if ((mask & SzBit) != 0) Varint.WriteSigned(to, ref p, e.Sz.Raw);
        if ((mask & OrigSzBit) != 0) Varint.WriteSigned(to, ref p, e.OrigSz.Raw);
        if ((mask & StartBit) != 0) Varint.WriteSigned(to, ref p, e.StartPosition.Raw);
        if ((mask & OidBit) != 0) Varint.WriteSigned(to, ref p, e.Oid);
        if ((mask & TidBit) != 0) Varint.WriteSigned(to, ref p, e.Tid);
        if ((mask & FeeBit) != 0) Varint.WriteSigned(to, ref p, e.Fee);
        if ((mask & PnlBit) != 0) Varint.WriteSigned(to, ref p, e.ClosedPnl);
        if ((mask & ValueBit) != 0) Varint.WriteSigned(to, ref p, e.Value);
        if ((mask & CloidBit) != 0)
        {
            Varint.Write(to, ref p, e.Cloid.Hi);
            Varint.Write(to, ref p, e.Cloid.Lo);
        }
        if ((mask & StatusBit) != 0) to[p++] = (byte)e.Status;
        if ((mask & ControlBit) != 0) to[p++] = (byte)e.Control;
        if ((mask & LevelsBit) != 0)
        {
            to[p++] = e.BidCount;
            to[p++] = e.AskCount;
            BookSideCodec.Write(in e.Bids, Math.Min((int)e.BidCount, BookLevels.Capacity), to, ref p);
            BookSideCodec.Write(in e.Asks, Math.Min((int)e.AskCount, BookLevels.Capacity), to, ref p);
        }
        return p;
    }

    /// <summary>Decodes one payload into <paramref name="e"/> (levels past its counts are left as they were: nobody reads them); returns the bytes read.</summary>
    /// <exception cref="TickDataException">A payload that is not one this codec wrote.</exception>
    public static int Decode(ReadOnlySpan<byte> from, ref MarketEvent e, long timeMs)
    {
        var p = HeadBytes;
        var coin = ReadCoin(from, ref p);
        e.Reset((EventKind)from[0], coin, timeMs);
        e.Flags = (EventFlags)from[1];
        e.Side = (Side)from[2];
        var mask = (int)Varint.Read(from, ref p);
        if (mask == 0) return p;
        if ((mask & ReceiveBit) != 0) e.ReceiveTimestamp = Varint.ReadSigned(from, ref p);
        if ((mask & PxBit) != 0) e.Px = new(Varint.ReadSigned(from, ref p));
        if ((mask & SzBit) != 0) e.Sz = new(Varint.ReadSigned(from, ref p));
        if ((mask & OrigSzBit) != 0) e.OrigSz = new(Varint.ReadSigned(from, ref p));
        if ((mask & StartBit) != 0) e.StartPosition = new(Varint.ReadSigned(from, ref p));
        if ((mask & OidBit) != 0) e.Oid = Varint.ReadSigned(from, ref p);
        if ((mask & TidBit) != 0) e.Tid = Varint.ReadSigned(from, ref p);
        if ((mask & FeeBit) != 0) e.Fee = Varint.ReadSigned(from, ref p);
        if ((mask & PnlBit) != 0) e.ClosedPnl = Varint.ReadSigned(from, ref p);
        if ((mask & ValueBit) != 0) e.Value = Varint.ReadSigned(from, ref p);
        if ((mask & CloidBit) != 0) e.Cloid = new(Varint.Read(from, ref p), Varint.Read(from, ref p));
        if ((mask & StatusBit) != 0) e.Status = (OrderStatus)At(from, p++);
        if ((mask & ControlBit) != 0) e.Control = (ControlCode)At(from, p++);
        if ((mask & LevelsBit) != 0)
        {
            e.BidCount = At(from, p++);
            e.AskCount = At(from, p++);
            BookSideCodec.Read(ref e.Bids, Math.Min((int)e.BidCount, BookLevels.Capacity), from, ref p);
            BookSideCodec.Read(ref e.Asks, Math.Min((int)e.AskCount, BookLevels.Capacity), from, ref p);
        }
        return p;
    }

    /// <summary>The coin of the payload at the start of <paramref name="from"/>, read without decoding the rest.</summary>
    /// <exception cref="TickDataException">Where <see cref="Decode"/> would throw before it reads past the coin.</exception>
    public static ushort Coin(ReadOnlySpan<byte> from)
    {
        var p = HeadBytes;
        return ReadCoin(from, ref p);
    }

    /// <summary>The length of the payload at the start of <paramref name="from"/>, found without decoding it: an event the reader drops
    /// (of a coin the tape leaves out) costs a walk over its varints and the two bytes of each book side's layout, not 40 levels.</summary>
    /// <exception cref="TickDataException">Where <see cref="Decode"/> would throw: the same bytes are checked in the same order.</exception>
    public static int Skip(ReadOnlySpan<byte> from)
    {
        var p = HeadBytes;
        ReadCoin(from, ref p);
        var mask = (int)Varint.Read(from, ref p);
        if (mask == 0) return p;
        for (var n = BitOperations.PopCount((uint)(mask & VarintFields)); n > 0; n--) Varint.Read(from, ref p);
        if ((mask & CloidBit) != 0)
        {
            Varint.Read(from, ref p);
            Varint.Read(from, ref p);
        }
        if ((mask & StatusBit) != 0) At(from, p++);
        if ((mask & ControlBit) != 0) At(from, p++);
        if ((mask & LevelsBit) != 0)
        {
            int bids = At(from, p++), asks = At(from, p++);
            BookSideCodec.Skip(Math.Min(bids, BookLevels.Capacity), from, ref p);
            BookSideCodec.Skip(Math.Min(asks, BookLevels.Capacity), from, ref p);
        }
        return p;
    }

    /// <summary>Kind, flags and side: one byte each, before the coin.</summary>
    private const int HeadBytes = 3;

    /// <summary>The fields written as one varint each when their bit is set, <see cref="ReceiveBit"/> to <see cref="ValueBit"/>.</summary>
    private const int VarintFields = ReceiveBit | PxBit | SzBit | OrigSzBit | StartBit | OidBit | TidBit | FeeBit | PnlBit | ValueBit;

    private static ushort ReadCoin(ReadOnlySpan<byte> from, ref int p)
    {
        if (from.Length < 5) throw Damaged();
        var coin = Varint.Read(from, ref p);
        return coin <= ushort.MaxValue ? (ushort)coin : throw Damaged();
    }

    private static byte At(ReadOnlySpan<byte> from, int p) => p < from.Length ? from[p] : throw Damaged();

    internal static TickDataException Damaged() => new("compact tape: an event that does not decode (damaged cache file)");
}
