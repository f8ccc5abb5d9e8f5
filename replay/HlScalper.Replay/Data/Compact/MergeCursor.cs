using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Compact;

/// <summary>A streaming k-way merge of segment readers by (time, tie order, file): memory is one block per file, whatever the data's length.</summary>
/// <remarks>
/// Equal times keep the order the array tape's stable sort gives: file after file, or a converted folder's source
/// order. A trade whose tid another file already delivered is dropped, as the array tape drops it at load (within
/// <see cref="RecentTids.WindowMs"/> of exchange time, where the copies of one trade meet).
/// </remarks>
internal sealed class MergeCursor : TapeCursor
{
    private readonly SegmentReader[] _readers;
    private readonly int[] _heap;
    private readonly RecentTids?[] _tids;
    private int _size;
    private int _current = -1;

    /// <param name="sharedCoins">Per tape coin: more than one file holds it, so its trades are checked for tids seen in another file.</param>
    public MergeCursor(SegmentReader[] readers, bool[] sharedCoins)
    {
        _readers = readers;
        _heap = new int[readers.Length];
        _tids = [.. sharedCoins.Select(s => s ? new RecentTids() : null)];
        CrossFileDuplicates = new long[sharedCoins.Length];
        for (var i = 0; i < readers.Length; i++)
            if (readers[i].MoveNext()) Push(i);
    }

    /// <summary>Trades per tape coin dropped so far because another file had delivered their tid.</summary>
    public long[] CrossFileDuplicates { get; }

    public override ref readonly MarketEvent Next()
    {
        while (true)
        {
            if (_current >= 0 && _readers[_current].MoveNext()) Push(_current);
            if (_size == 0)
            {
                _current = -1;
                return ref Unsafe.NullRef<MarketEvent>();
            }
            _current = Pop();
            ref var e = ref _readers[_current].Current;
            if (e.Kind == EventKind.Trade && e.Tid != 0 && _tids[e.Coin] is { } seen && !seen.Add(e.Tid, e.ExchangeTimeMs))
            {
                CrossFileDuplicates[e.Coin]++;
                continue;
            }
            return ref e;
        }
    }

    public override void Dispose()
    {
        foreach (var reader in _readers) reader.Dispose();
        base.Dispose();
    }

    private bool Less(int a, int b)
    {
        var x = _readers[a];
        var y = _readers[b];
        if (x.Current.ExchangeTimeMs != y.Current.ExchangeTimeMs) return x.Current.ExchangeTimeMs < y.Current.ExchangeTimeMs;
        if (x.Order != y.Order) return x.Order < y.Order;
        return a < b;
    }

    private void Push(int reader)
    {
        var i = _size++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(reader, _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = reader;
    }

    private int Pop()
    {
        var top = _heap[0];
        var last = _heap[--_size];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _size) break;
            if (child + 1 < _size && Less(_heap[child + 1], _heap[child])) child++;
            if (!Less(_heap[child], last)) break;
            _heap[i] = _heap[child];
            i = child;
        }
        if (_size > 0) _heap[i] = last;
        return top;
    }
}
