using System.Buffers;
using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>One input file's events as they are read, already encoded (a few bytes each instead of 1,080), sorted by time and tie order when written out.</summary>
/// <remarks>
/// The arrays come from the shared pool and go back to it when the tape file is written (<see cref="Dispose"/>): a file's
/// staging grows by doubling to a few MB, and fresh arrays of that size each time were most of a load's allocation, on the
/// large-object heap, with the page faults of memory never touched before.
/// </remarks>
internal sealed class CompactStaging : IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _length;
    private long[] _times = ArrayPool<long>.Shared.Rent(1 << 12);
    private long[] _orders = ArrayPool<long>.Shared.Rent(1 << 12);
    private int[] _offsets = ArrayPool<int>.Shared.Rent(1 << 12);
    private int _count;
    private readonly List<(long Count, long First, long Last)> _byCoin = [];

    public int Count => _count;

    public void Add(in MarketEvent e, long order)
    {
        if (_bytes.Length - _length < TapeCodec.MaxPayloadBytes)
        {
            if (_bytes.Length >= Array.MaxLength / 2) throw new TickDataException("one file holds more than 1 GB of compact events: split it");
            Grow(ref _bytes, _length);
        }
        if (_count == _times.Length || _count == _orders.Length || _count == _offsets.Length)
        {
            Grow(ref _times, _count);
            Grow(ref _orders, _count);
            Grow(ref _offsets, _count);
        }
        _times[_count] = e.ExchangeTimeMs;
        _orders[_count] = order;
        _offsets[_count] = _length;
        _length += TapeCodec.Encode(in e, _bytes.AsSpan(_length));
        while (_byCoin.Count <= e.Coin) _byCoin.Add((0, long.MaxValue, long.MinValue));
        var (n, first, last) = _byCoin[e.Coin];
        _byCoin[e.Coin] = (n + 1, Math.Min(first, e.ExchangeTimeMs), Math.Max(last, e.ExchangeTimeMs));
        _count++;
    }

    /// <summary>Makes room for <paramref name="events"/> more events taking <paramref name="bytes"/> in all, so they are added without a copy of what is staged.</summary>
    public void Reserve(int events, long bytes)
    {
        var needed = _length + bytes + TapeCodec.MaxPayloadBytes;
        if (needed > _bytes.Length && needed <= Array.MaxLength / 2) GrowTo(ref _bytes, _length, (int)needed);
        if (_count + events > _times.Length)
        {
            GrowTo(ref _times, _count, _count + events);
            GrowTo(ref _orders, _count, _count + events);
            GrowTo(ref _offsets, _count, _count + events);
        }
    }

    /// <summary>Events, first and last time per coin index (times 0 for a coin without events).</summary>
    public (long[] Counts, long[] First, long[] Last) ByCoin(int coins)
    {
        var (counts, first, last) = (new long[coins], new long[coins], new long[coins]);
        for (var c = 0; c < Math.Min(coins, _byCoin.Count); c++)
            if (_byCoin[c].Count > 0) (counts[c], first[c], last[c]) = _byCoin[c];
        return (counts, first, last);
    }

    /// <summary>Writes the header and every event in (time, tie order) order; equal keys keep the order they were read in.</summary>
    public void WriteTo(Stream to, TapeFileHeader header)
    {
        var index = Order();
        TapeFile.WriteHead(to, header);
        var block = ArrayPool<byte>.Shared.Rent(TapeFile.MaxBlockBytes);
        // A write that fails (a full disk, a cancelled build) still gives the block back to the pool.
        try
        {
            int used = 0, events = 0;
            long lastTime = 0, lastOrder = 0;
            foreach (var i in index)
            {
                if (used >= TapeFile.BlockTarget)
                {
                    TapeFile.WriteBlock(to, block.AsSpan(0, used), events);
                    used = events = 0;
                    lastTime = lastOrder = 0;
                }
                Varint.WriteSigned(block, ref used, _times[i] - lastTime);
                Varint.WriteSigned(block, ref used, _orders[i] - lastOrder);
                lastTime = _times[i];
                lastOrder = _orders[i];
                var end = i + 1 < _count ? _offsets[i + 1] : _length;
                _bytes.AsSpan(_offsets[i], end - _offsets[i]).CopyTo(block.AsSpan(used));
                used += end - _offsets[i];
                events++;
            }
            if (events > 0) TapeFile.WriteBlock(to, block.AsSpan(0, used), events);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        TapeFile.WriteEnd(to, _count);
    }

    /// <summary>Gives the arrays back to the pool; the staging is not used after.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<long>.Shared.Return(_times);
        ArrayPool<long>.Shared.Return(_orders);
        ArrayPool<int>.Shared.Return(_offsets);
        (_bytes, _times, _orders, _offsets, _length, _count) = ([], [], [], [], 0, 0);
    }

    /// <summary>Twice the room, the first <paramref name="used"/> elements kept; the old array goes back to the pool.</summary>
    private static void Grow<T>(ref T[] array, int used) => GrowTo(ref array, used, Math.Max(16, array.Length * 2));

    /// <summary>Room for at least <paramref name="length"/> elements, the first <paramref name="used"/> kept; the old array goes back to the pool.</summary>
    private static void GrowTo<T>(ref T[] array, int used, int length)
    {
        var bigger = ArrayPool<T>.Shared.Rent(length);
        array.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }

    /// <summary>The events' indexes in (time, tie order) order, equal keys in read order: the runs already in order (a file, or each table <c>convert</c> wrote) are found in one pass and merged pairwise, so ordered input is never sorted again.</summary>
    private int[] Order()
    {
        var from = new int[_count];
        for (var i = 0; i < _count; i++) from[i] = i;
        var bounds = new List<int> { 0 };
        for (var i = 1; i < _count; i++)
            if (Before(i, i - 1)) bounds.Add(i);
        if (bounds.Count == 1) return from;
        bounds.Add(_count);
        var to = new int[_count];
        while (bounds.Count > 2)
        {
            var merged = new List<int>();
            for (var r = 0; r < bounds.Count - 1; r += 2)
            {
                Merge(from, to, bounds[r], bounds[r + 1], bounds[Math.Min(r + 2, bounds.Count - 1)]);
                merged.Add(bounds[r]);
            }
            merged.Add(_count);
            (from, to, bounds) = (to, from, merged);
        }
        return from;
    }

    /// <summary>Merges the ordered runs [start, mid) and [mid, end) of <paramref name="from"/> into <paramref name="to"/>; on equal keys the left run's event goes first.</summary>
    private void Merge(int[] from, int[] to, int start, int mid, int end)
    {
        int i = start, j = mid, k = start;
        while (i < mid && j < end) to[k++] = Before(from[j], from[i]) ? from[j++] : from[i++];
        from.AsSpan(i, mid - i).CopyTo(to.AsSpan(k));
        from.AsSpan(j, end - j).CopyTo(to.AsSpan(k + mid - i));
    }

    private bool Before(int a, int b) => _times[a] < _times[b] || (_times[a] == _times[b] && _orders[a] < _orders[b]);
}
