namespace HlScalper.Replay.Data.Compact;

/// <summary>What one input file held, stored at the head of its compact tape file so a cache hit reports exactly what reading the file reported.</summary>
/// <param name="Coins">Coin names in the order the file met them (its events carry these local indexes).</param>
/// <param name="EventsByCoin">Events kept per local coin.</param>
/// <param name="DuplicatesByCoin">Trades dropped per local coin (a tid seen before in this file).</param>
/// <param name="FirstByCoin">The first event's time per local coin (0 for a coin without events).</param>
/// <param name="LastByCoin">The last event's time per local coin.</param>
/// <param name="SourceOrdered">The events carry their place in the tape a converted table was written from (<c>seq</c>): tables of one folder interleave by it.</param>
/// <param name="OrderSpan">One past the largest tie order in the file.</param>
/// <param name="Log">What reading the file said (bad lines), said again on a cache hit.</param>
public sealed record TapeFileHeader(
    IReadOnlyList<string> Coins, IReadOnlyList<long> EventsByCoin, IReadOnlyList<long> DuplicatesByCoin, IReadOnlyList<long> FirstByCoin, IReadOnlyList<long> LastByCoin, long NonMarketEvents, bool SourceOrdered, long OrderSpan,
    long Lines, long Messages, long BadLines, IReadOnlyList<string> Log)
{
    public long EventCount => EventsByCoin.Sum();

    public long DuplicateTrades => DuplicatesByCoin.Sum();

    internal void Write(BinaryWriter w)
    {
        w.Write(Coins.Count);
        for (var c = 0; c < Coins.Count; c++)
        {
            w.Write(Coins[c]);
            w.Write(EventsByCoin[c]);
            w.Write(DuplicatesByCoin[c]);
            w.Write(FirstByCoin[c]);
            w.Write(LastByCoin[c]);
        }
        w.Write(NonMarketEvents);
        w.Write(SourceOrdered);
        w.Write(OrderSpan);
        w.Write(Lines);
        w.Write(Messages);
        w.Write(BadLines);
        w.Write(Log.Count);
        foreach (var line in Log) w.Write(line);
    }

    /// <exception cref="EndOfStreamException">The header ends early.</exception>
    /// <exception cref="TickDataException">Counts no writer produces.</exception>
    internal static TapeFileHeader Read(BinaryReader r)
    {
        var coinCount = r.ReadInt32();
        if (coinCount is < 0 or > ushort.MaxValue) throw new TickDataException($"compact tape: {coinCount} coins");
        var coins = new string[coinCount];
        var events = new long[coinCount];
        var duplicates = new long[coinCount];
        var first = new long[coinCount];
        var last = new long[coinCount];
        for (var c = 0; c < coinCount; c++)
        {
            coins[c] = r.ReadString();
            events[c] = r.ReadInt64();
            duplicates[c] = r.ReadInt64();
            first[c] = r.ReadInt64();
            last[c] = r.ReadInt64();
        }
        var nonMarket = r.ReadInt64();
        var sourceOrdered = r.ReadBoolean();
        var orderSpan = r.ReadInt64();
        var lines = r.ReadInt64();
        var messages = r.ReadInt64();
        var bad = r.ReadInt64();
        var logCount = r.ReadInt32();
        if (logCount is < 0 or > 10_000) throw new TickDataException($"compact tape: {logCount} log lines");
        var log = new string[logCount];
        for (var i = 0; i < logCount; i++) log[i] = r.ReadString();
        if (events.Any(n => n < 0) || duplicates.Any(n => n < 0)) throw new TickDataException("compact tape: a negative event count");
        return new TapeFileHeader(coins, events, duplicates, first, last, nonMarket, sourceOrdered, orderSpan, lines, messages, bad, log);
    }
}
