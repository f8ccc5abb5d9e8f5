using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Producers;

/// <summary>
/// A dedicated thread that publishes <see cref="EventKind.Timer"/> every period (so timeouts fire in a quiet market) and, in a
/// dry run, answers the engine's intents as the exchange would: a place rests, a cancel cancels.
/// </summary>
public sealed class TimerPublisher : IDisposable
{
    private readonly TimeSpan _period;
    private readonly ushort _coin;
    private readonly IntentQueue? _dryRunIntents;
    private readonly TimeProvider _clock;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private readonly HashSet<Cloid> _resting = [];
    private RingEventSink _sink;
    private long _nextOid = 1;

    public TimerPublisher(RingBuffer<MarketEvent> ring, Sequencer sequencer, TimeSpan period, ushort coin, IntentQueue? dryRunIntents, TimeProvider clock)
    {
        _sink = new RingEventSink(ring, sequencer);
        _period = period;
        _coin = coin;
        _dryRunIntents = dryRunIntents;
        _clock = clock;
        _thread = new Thread(Loop) { IsBackground = true, Name = "timer" };
    }

    public void Start() => _thread.Start();

    /// <summary>Why the thread ended before it was disposed; null while it runs (the watchdog reads it).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>True from <see cref="Start"/> until the thread ends.</summary>
    public bool IsRunning => _thread.IsAlive;

    private void Loop()
    {
        try
        {
            while (!_stop.Wait(_period))
            {
                var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                if (_dryRunIntents is not null) AnswerDryRun(now);
                ref var e = ref _sink.Claim();
                e.Reset(EventKind.Timer, _coin, now);
                _sink.Publish();
            }
        }
        catch (Exception e)
        {
            // An exception would end the process from a background thread; the watchdog reports it instead.
            Fault = e;
        }
    }

    private void AnswerDryRun(long now)
    {
        while (_dryRunIntents!.TryDequeue(out var sent))
        {
            ref readonly var intent = ref sent.Intent;
            switch (intent.Kind)
            {
                case IntentKind.Place:
                    _resting.Add(intent.Cloid);
                    Update(intent.Cloid, intent.Side, OrderStatus.Open, now);
                    break;
                case IntentKind.CancelByCloid when _resting.Remove(intent.Cloid):
                    Update(intent.Cloid, intent.Side, OrderStatus.Canceled, now);
                    break;
                case IntentKind.CancelAll:
                    foreach (var cloid in _resting) Update(cloid, Side.Buy, OrderStatus.Canceled, now);
                    _resting.Clear();
                    break;
            }
        }
    }

    private void Update(Cloid cloid, Side side, OrderStatus status, long now)
    {
        ref var e = ref _sink.Claim();
        e.Reset(EventKind.OrderUpdate, _coin, now);
        e.Cloid = cloid;
        e.Side = side;
        e.Flags = EventFlags.HasCloid;
        e.Oid = status == OrderStatus.Open ? _nextOid++ : 0;
        e.Status = status;
        _sink.Publish();
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive) _thread.Join();
        _stop.Dispose();
    }
}
