using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>One input file's events as they are read, already encoded (a few bytes each instead of 1,080), sorted by time and tie order when written out.</summary>
internal sealed class CompactStaging
{
    private byte[] _bytes = new byte[1 << 16];
    private int _length;
    private long[] _times = new long[1 << 12];
    private long[] _orders = new long[1 << 12];
    private int[] _offsets = new int[1 << 12];
    private int _count;
    private readonly List<(long Count, long First, long Last)> _byCoin = [];

    public int Count => _count;

    public void Add(in MarketEvent e, long order)
    {
        if (_bytes.Length - _length < TapeCodec.MaxPayloadBytes)
        {
            if (_bytes.Length >= Array.MaxLength / 2) throw new TickDataException("one file holds more than 1 GB of compact events: split it");
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, _count * 2);
            Array.Resize(ref _orders, _count * 2);
            Array.Resize(ref _offsets, _count * 2);
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
        var index = new int[_count];
        for (var i = 0; i < _count; i++) index[i] = i;
        if (!IsSorted())
        {
            var keys = new (long, long, int)[_count];
            for (var i = 0; i < _count; i++) keys[i] = (_times[i], _orders[i], i);
            Array.Sort(keys, index);
        }
        TapeFile.WriteHead(to, header);
        var block = new byte[TapeFile.MaxBlockBytes];
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
        TapeFile.WriteEnd(to, _count);
    }


    private bool IsSorted()
    {
        for (var i = 1; i < _count; i++)
            if ((_times[i], _orders[i]).CompareTo((_times[i - 1], _orders[i - 1])) < 0) return false;
        return true;
    }
}
