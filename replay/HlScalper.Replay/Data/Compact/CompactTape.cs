using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Compact;

/// <summary>A tape kept as one compact file per input, merged on the fly by every reader: memory does not grow with the data's length, and sweep runs share the files read-only.</summary>
public sealed class CompactTape : Tape
{
    private readonly IReadOnlyList<TapeSegment> _segments;
    private readonly long[] _bases;
    private readonly int[][] _coinMaps;
    private readonly long[] _counts;
    private readonly long _first, _last;

    /// <summary>Every coin of every segment, numbered in the order the files met them (as the array tape numbers them).</summary>
    /// <remarks>When files share a coin, their trades may repeat across files: one read counts what the merge keeps.</remarks>
    internal CompactTape(IReadOnlyList<TapeSegment> segments)
        : this(segments, OrderBases(segments), AllCoins(segments, out var maps), maps, null)
    {
        if (!Shared(Used()).Any(s => s)) return;
        Array.Clear(_counts);
        (_first, _last) = (0, 0);
        CrossFileDuplicates = new long[Coins.Count];
        using var cursor = (MergeCursor)Open();
        var any = false;
        for (ref readonly var e = ref cursor.Next(); !System.Runtime.CompilerServices.Unsafe.IsNullRef(in e); e = ref cursor.Next())
        {
            if (!any) _first = e.ExchangeTimeMs;
            any = true;
            _counts[e.Coin]++;
            _last = e.ExchangeTimeMs;
        }
        cursor.CrossFileDuplicates.CopyTo(CrossFileDuplicates, 0);
    }

    private CompactTape(IReadOnlyList<TapeSegment> segments, long[] bases, CoinTable coins, int[][] coinMaps, (long Count, long First, long Last)? exact)
    {
        _segments = segments;
        _bases = bases;
        Coins = coins;
        _coinMaps = coinMaps;
        _counts = new long[coins.Count];
        _first = long.MaxValue;
        _last = long.MinValue;
        for (var s = 0; s < segments.Count; s++)
        {
            var header = segments[s].Header;
            for (var local = 0; local < coinMaps[s].Length; local++)
            {
                var coin = coinMaps[s][local];
                if (coin < 0 || header.EventsByCoin[local] == 0) continue;
                _counts[coin] += header.EventsByCoin[local];
                _first = Math.Min(_first, header.FirstByCoin[local]);
                _last = Math.Max(_last, header.LastByCoin[local]);
            }
        }
        if (_first > _last) _first = _last = 0;
        if (exact is { } known) (_counts[0], _first, _last) = known;
    }

    /// <summary>Trades per coin dropped because another file delivered their tid first (all 0 when no two files share a coin).</summary>
    public long[] CrossFileDuplicates { get; } = [];

    public override CoinTable Coins { get; }

    /// <summary>Events the files hold for the tape's coins (a trade another file also holds counts once per file until a read drops it).</summary>
    public override long EventCount => _counts.Sum();

    public override long FirstTimeMs => _first;

    public override long LastTimeMs => _last;

    /// <summary>Bytes of compact events on disk or in memory, over all files.</summary>
    public long CompactBytes => _segments.Sum(s => s.CacheFile is { } path ? new FileInfo(path).Length : s.Memory!.Length);

    public override long[] CountByCoin() => (long[])_counts.Clone();

    public override TapeCursor Open()
    {
        var used = Used();
        var shared = Shared(used);
        var readers = new List<SegmentReader>(used.Count);
        try
        {
            foreach (var s in used) readers.Add(new SegmentReader(_segments[s], _coinMaps[s], _bases[s]));
            return readers.Count == 1 ? new SegmentCursor(readers[0]) : new MergeCursor([.. readers], shared);
        }
        catch
        {
            foreach (var reader in readers) reader.Dispose();
            throw;
        }
    }

    public override CompactTape Only(ushort coin, string? name = null)
    {
        var maps = _coinMaps.Select(map => map.Select(c => c == coin ? 0 : -1).ToArray()).ToArray();
        var only = new CompactTape(_segments, _bases, new CoinTable(name ?? Coins.NameOf(coin)), maps, null);
        // Counted by this tape's read when files share the coin: the headers count a repeated trade once per file.
        return only.Shared(only.Used())[0] ? new CompactTape(_segments, _bases, only.Coins, maps, only.ExactRange(_counts[coin])) : only;
    }

    /// <summary>The segments holding events of the tape's coins.</summary>
    private List<int> Used() => [.. Enumerable.Range(0, _segments.Count).Where(s => _coinMaps[s].Where((coin, local) => coin >= 0 && _segments[s].Header.EventsByCoin[local] > 0).Any())];

    /// <summary>Per tape coin: more than one of <paramref name="used"/> holds it.</summary>
    private bool[] Shared(List<int> used)
    {
        var shared = new bool[Coins.Count];
        var seen = new bool[Coins.Count];
        foreach (var s in used)
            for (var local = 0; local < _coinMaps[s].Length; local++)
                if (_coinMaps[s][local] is var coin and >= 0 && _segments[s].Header.EventsByCoin[local] > 0)
                {
                    shared[coin] |= seen[coin];
                    seen[coin] = true;
                }
        return shared;
    }

    /// <summary>The first and last time of what a read of this one-coin tape yields (a repeated trade dropped at either end moves them).</summary>
    private (long Count, long First, long Last) ExactRange(long count)
    {
        using var cursor = Open();
        ref readonly var e = ref cursor.Next();
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(in e)) return (0, 0, 0);
        var (first, last) = (e.ExchangeTimeMs, e.ExchangeTimeMs);
        for (; !System.Runtime.CompilerServices.Unsafe.IsNullRef(in e); e = ref cursor.Next()) last = e.ExchangeTimeMs;
        return (count, first, last);
    }

    /// <summary>Where each file's tie orders start, as the array tape numbers them: file after file, a converted folder's tables from one shared start.</summary>
    private static long[] OrderBases(IReadOnlyList<TapeSegment> segments)
    {
        var bases = new long[segments.Count];
        var sources = new Dictionary<string, long>();
        long next = 0;
        for (var s = 0; s < segments.Count; s++)
        {
            var header = segments[s].Header;
            var start = next;
            if (header.SourceOrdered && !sources.TryGetValue(segments[s].SourceKey, out start)) sources[segments[s].SourceKey] = start = next;
            bases[s] = start;
            next = Math.Max(next, start + header.OrderSpan);
        }
        return bases;
    }

    private static CoinTable AllCoins(IReadOnlyList<TapeSegment> segments, out int[][] maps)
    {
        var coins = new CoinTable();
        maps = [.. segments.Select(s => s.Header.Coins.Select(name => (int)coins.Add(name)).ToArray())];
        return coins;
    }
}
