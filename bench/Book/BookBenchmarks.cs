using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Bench.Book;

/// <summary>The L2 book's per-event work: apply a 20×20 snapshot or a BBO, then read imbalance, spread and micro-price.</summary>
[Config(typeof(BenchConfig))]
public class BookBenchmarks
{
    private readonly L2Book _book = new();
    private MarketEvent _snapshot;
    private MarketEvent _bbo;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot.Reset(EventKind.Book, 0, 1);
        for (var i = 0; i < BookLevels.Capacity; i++)
        {
            _snapshot.Bids[i] = new BookLevel(new Px((100_000 - i) * Fixed8.Scale), new Sz((i + 1) * 1_000_000), i + 1);
            _snapshot.Asks[i] = new BookLevel(new Px((100_001 + i) * Fixed8.Scale), new Sz((i + 2) * 1_000_000), i + 1);
        }
        _snapshot.BidCount = _snapshot.AskCount = BookLevels.Capacity;
        _bbo.Reset(EventKind.Bbo, 0, 2);
        _bbo.Bids[0] = new BookLevel(new Px(100_000 * Fixed8.Scale), new Sz(3_000_000), 2);
        _bbo.Asks[0] = new BookLevel(new Px(100_001 * Fixed8.Scale), new Sz(1_000_000), 1);
        _bbo.BidCount = _bbo.AskCount = 1;
    }

    [Benchmark(Baseline = true)]
    public double Snapshot_and_signals()
    {
        _book.ApplySnapshot(ref _snapshot);
        return _book.Imbalance(5) + _book.SpreadBps + _book.MicroPrice;
    }

    [Benchmark]
    public double Bbo_and_signals()
    {
        _book.ApplyBbo(ref _bbo);
        return _book.Imbalance(5) + _book.SpreadBps + _book.MicroPrice;
    }
}
