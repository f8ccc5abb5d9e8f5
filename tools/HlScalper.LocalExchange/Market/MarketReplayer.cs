using HlScalper.Engine.Events;
using HlScalper.LocalExchange.Venue;
using HlScalper.Replay.Driver;

namespace HlScalper.LocalExchange.Market;

/// <summary>Plays a tape into the venue in real time on its own thread: recording time is rebased to the wall clock (t = start + (tRec − tRec0) / speed) and, when looping, continues across passes.</summary>
public sealed class MarketReplayer : IDisposable
{
    /// <summary>Recording time between the end of one pass and the start of the next.</summary>
    public const long LoopGapMs = 1_000;

    /// <summary>Trade ids are 50-bit hashes: pass n adds n · 2^52.</summary>
    public const int TidPassShift = 52;

    private readonly EventTape _tape;
    private readonly LocalVenue _venue;
    private readonly double _speed;
    private readonly bool _loop;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public MarketReplayer(EventTape tape, LocalVenue venue, double speed, bool loop, TimeProvider clock, Action<string> log)
    {
        if (tape.Count == 0) throw new ArgumentException("the tape holds no market events", nameof(tape));
        if (speed <= 0) throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be above 0");
        _tape = tape;
        _venue = venue;
        _speed = speed;
        _loop = loop;
        _clock = clock;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "sim-replay" };
    }

    /// <summary>Completed passes over the tape.</summary>
    public int Passes { get; private set; }

    public void Start() => _thread.Start();

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void Run()
    {
        var start = Now;
        var first = _tape.FirstTimeMs;
        var span = _tape.LastTimeMs - first + LoopGapMs;
        var e = new MarketEvent();
        for (var pass = 0L; !_stop.IsCancellationRequested; pass++)
        {
            var events = _tape.Events;
            for (var i = 0; i < _tape.Count && !_stop.IsCancellationRequested; i++)
            {
                var due = start + (long)((events[i].ExchangeTimeMs - first + pass * span) / _speed);
                if (!WaitUntil(due)) return;
                e = events[i];
                e.ExchangeTimeMs = due;
                // A later pass repeats the recording's trades: give them new tids, so (coin, tid) stays unique for consumers that dedupe.
                if (e.Kind == EventKind.Trade) e.Tid += pass << TidPassShift;
                try
                {
                    _venue.OnMarket(in e);
                }
                catch (Exception error)
                {
                    // A fault in one event must not stop the market: report it and play on.
                    _log($"sim: market event {i} of pass {pass} failed: {error}");
                }
            }
            Passes++;
            if (!_loop) break;
        }
    }

    /// <summary>Sleeps in short steps until <paramref name="dueMs"/>; false when stopped.</summary>
    private bool WaitUntil(long dueMs)
    {
        while (true)
        {
            var wait = dueMs - Now;
            if (wait <= 0) return true;
            if (_stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(wait, 50)))) return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join();
        _stop.Dispose();
    }
}
