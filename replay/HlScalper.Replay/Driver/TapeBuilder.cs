using HlScalper.Engine.Events;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Replay.Driver;

/// <summary>Collects decoded events, drops repeated trades (same coin and tid) and builds a time-ordered <see cref="EventTape"/>, or (compact) encodes each event as it comes for a compact tape file.</summary>
public sealed class TapeBuilder
{
    private readonly Dictionary<ushort, HashSet<long>> _tids = [];
    private readonly Dictionary<string, long> _sourceBases = [];
    private readonly CompactStaging? _compact;
    private MarketEvent[] _events;
    private long[] _order;
    private int _count;
    private long _nextOrder;

    public TapeBuilder(CoinTable coins, int initialCapacity = 1 << 12)
    {
        Coins = coins;
        _events = new MarketEvent[Math.Max(initialCapacity, 16)];
        _order = new long[_events.Length];
    }

    /// <summary>A builder whose events go straight into compact form: one 1,080-byte slot is reused, whatever the file's length.</summary>
    private TapeBuilder(CoinTable coins, CompactStaging compact)
    {
        Coins = coins;
        _compact = compact;
        _events = new MarketEvent[1];
        _order = [];
    }

    internal static TapeBuilder Compact(CoinTable coins) => new(coins, new CompactStaging());

    public CoinTable Coins { get; }

    /// <summary>The compact events (a builder made by <see cref="Compact"/>), else null.</summary>
    internal CompactStaging? Staging => _compact;

    /// <summary>A reader gave its events their place in a source tape (<see cref="SourceBase"/>).</summary>
    internal bool SourceOrdered => _sourceBases.Count > 0;

    /// <summary>One past the largest tie order given so far.</summary>
    internal long NextOrder => _nextOrder;

    public int Count => _count;

    /// <summary>Trades dropped because their tid was already seen for the coin (subscribe-time backfills repeat them).</summary>
    public long DuplicateTrades { get; private set; }

    /// <summary><see cref="DuplicateTrades"/> by coin index.</summary>
    public Dictionary<ushort, long> DuplicatesByCoin { get; } = [];

    /// <summary>Events that are not market data (our order updates and fills in a recording) and were left out of the tape.</summary>
    public long NonMarketEvents { get; private set; }

    /// <summary>The sink producers (codec, generator, Parquet reader) write into.</summary>
    public TapeSink Sink => new(this);

    internal ref MarketEvent ClaimSlot()
    {
        if (_compact is not null) return ref _events[0];
        if (_count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
            Array.Resize(ref _order, _events.Length);
        }
        return ref _events[_count];
    }

    internal void PublishSlot() => PublishSlot(_nextOrder);

    /// <summary>Where the events of one source tape (the tables <c>convert</c> wrote from it) start in the tie order; the same for every table of that source.</summary>
    internal long SourceBase(string source)
    {
        if (!_sourceBases.TryGetValue(source, out var start)) _sourceBases[source] = start = _nextOrder;
        return start;
    }

    /// <summary>Publishes the claimed event with its place among events of equal time: tables split from one tape (books, trades) carry their source order, so they interleave again as they were.</summary>
    internal void PublishSlot(long order) => Publish(in _events[_compact is null ? _count : 0], order, claimed: true);

    /// <summary>Publishes an event held elsewhere (a reader's staging) without claiming a slot first: the compact builder encodes it where it lies, the array builder copies it in once.</summary>
    /// <param name="order">Its place among events of equal time; null = after every event so far.</param>
    internal void Publish(in MarketEvent e, long? order) => Publish(in e, order ?? _nextOrder, claimed: false);

    private void Publish(in MarketEvent e, long order, bool claimed)
    {
        if (e.Kind is not (EventKind.Book or EventKind.Bbo or EventKind.Trade))
        {
            NonMarketEvents++;
            return;
        }
        if (e.Kind == EventKind.Trade && e.Tid != 0)
        {
            if (!_tids.TryGetValue(e.Coin, out var seen)) _tids[e.Coin] = seen = [];
            if (!seen.Add(e.Tid))
            {
                DuplicateTrades++;
                DuplicatesByCoin[e.Coin] = DuplicatesByCoin.GetValueOrDefault(e.Coin) + 1;
                return;
            }
        }
        if (_compact is not null) _compact.Add(in e, order);
        else
        {
            if (!claimed) ClaimSlot() = e;
            _order[_count] = order;
        }
        _count++;
        _nextOrder = Math.Max(_nextOrder, order + 1);
    }

    /// <summary>Makes room for <paramref name="total"/> events at once (a reader that knows its row count saves the doubling copies).</summary>
    public void EnsureCapacity(int total)
    {
        if (_compact is not null || total <= _events.Length) return;
        Array.Resize(ref _events, total);
        Array.Resize(ref _order, total);
    }

    /// <summary>A compact builder makes room for <paramref name="events"/> more events of about <paramref name="payloadBytesEach"/> bytes at once (a reader that knows a row group's length saves the doubling copies); the array builder is sized from the footers up front (<see cref="EnsureCapacity"/>).</summary>
    internal void ExpectEvents(int events, int payloadBytesEach) => _compact?.Reserve(events, (long)events * payloadBytesEach);

    /// <summary>The events in exchange-time order; events with equal times keep their arrival order (files merge stably), or their source order when a reader gave one.</summary>
    public EventTape Build()
    {
        if (_compact is not null) throw new InvalidOperationException("a compact builder writes a tape file, not an array");
        if (!IsSorted()) SortInPlace();
        return new EventTape(_events, _count, Coins);
    }

    /// <summary>Stable sort by time without a second event array: sort indexes, then apply the permutation cycle by cycle (events are 1 KB each).</summary>
    private void SortInPlace()
    {
        var order = new int[_count];
        var keys = new (long, long)[_count];
        for (var i = 0; i < _count; i++)
        {
            order[i] = i;
            keys[i] = (_events[i].ExchangeTimeMs, _order[i]);
        }
        Array.Sort(keys, order);
        for (var i = 0; i < _count; i++) _order[i] = keys[i].Item2;
        // order[target] = source; walk each cycle once, marking visited targets by flipping them negative.
        for (var start = 0; start < _count; start++)
        {
            if (order[start] < 0 || order[start] == start) continue;
            var saved = _events[start];
            var target = start;
            while (true)
            {
                var source = order[target];
                order[target] = ~source;
                if (source == start)
                {
                    _events[target] = saved;
                    break;
                }
                _events[target] = _events[source];
                target = source;
            }
        }
    }

    private bool IsSorted()
    {
        for (var i = 1; i < _count; i++)
            if ((_events[i].ExchangeTimeMs, _order[i]).CompareTo((_events[i - 1].ExchangeTimeMs, _order[i - 1])) < 0) return false;
        return true;
    }
}
