using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Replay.Scripted;

/// <summary>
/// Drives a real <see cref="SlotRunner"/> with a walking book, timers, control signals and a <see cref="ScriptedExchange"/>
/// answering its orders; each <see cref="Step"/> interprets one (op, a, b) choice, so the same workload serves
/// property tests (choices from CsCheck), the allocation test and the benchmark (choices from a fixed seed).
/// </summary>
public sealed class StrategyWorkload
{
    public const ushort CoinIndex = 0;

    private MarketEvent _event;

    /// <param name="orders">Wraps the scripted exchange as the runner's order sink (e.g. the live engine's timing sink); null = the exchange itself.</param>
    public StrategyWorkload(AssetMeta asset, long startBidRaw, EngineConfig config, IAlarmSink? alarms = null, long startMs = 1_700_000_000_000,
        Func<IOrderSink, IOrderSink>? orders = null)
    {
        Config = config;
        Market = new MarketWalk(asset, startBidRaw);
        Exchange = new ScriptedExchange(Market, CoinIndex);
        Handler = new EngineHandler(asset, CoinIndex, config, orders?.Invoke(Exchange) ?? Exchange, alarms);
        TimeMs = startMs;
        Exchange.Deliver = sink => Deliver(ref sink.Event);
    }

    public EngineConfig Config { get; }

    public MarketWalk Market { get; }

    public ScriptedExchange Exchange { get; }

    public EngineHandler Handler { get; }

    public SlotRunner Runner => Handler.Runner;

    public long TimeMs { get; private set; }

    /// <summary>Include kill switch, shutdown, feed resets and equity drops past the stop among control signals (off for long benchmark runs, which they would halt).</summary>
    public bool TerminalControls { get; set; } = true;

    /// <summary>Longest time a book step advances the clock (ms).</summary>
    public int BookStepMs { get; set; } = 400;

    /// <summary>Longest time a timer step advances the clock (ms); long ones let timeouts and the stale guard fire.</summary>
    public int TimerStepMs { get; set; } = 3_000;

    /// <summary>One step: mostly book moves, then timers, acks, fills, cancels, rejects and occasional control signals.</summary>
    public void Step(uint op, uint a, uint b)
    {
        switch (op % 16)
        {
            case < 6:
                TimeMs += a % (uint)BookStepMs;
                Market.Next(b, CoinIndex, TimeMs, ref _event);
                Deliver();
                break;
            case 6 or 7:
                TimeMs += a % (uint)TimerStepMs;
                _event.Reset(EventKind.Timer, CoinIndex, TimeMs);
                Deliver();
                break;
            case 8 or 9:
                Exchange.Ack(a, TimeMs);
                break;
            case 10 or 11:
                Exchange.Fill(a, b, TimeMs);
                break;
            case 12 or 13:
                Exchange.ProcessCancels(TimeMs);
                break;
            case 14:
                // Refusals the market causes and that may pass (a post-only the touch crossed, an IOC with nothing to take): a
                // permanent one ends an exit's retries for good (RefusalBackoff), which would stop a long run trading at random.
                Exchange.Reject(a, b % 2 == 0 ? OrderStatus.BadAloPxRejected : OrderStatus.IocCancelRejected, TimeMs);
                break;
            default:
                Control(a, b);
                break;
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps from a seeded source.</summary>
    public void Run(ref XorShift random, int steps)
    {
        for (var i = 0; i < steps; i++) Step(random.Next(), random.Next(), random.Next());
    }

    private void Control(uint a, uint b)
    {
        var code = (b % 8) switch
        {
            0 => ControlCode.DeadManFailed,
            1 => ControlCode.DeadManOk,
            2 or 3 => ControlCode.Equity,
            4 => ControlCode.FeedStale,
            5 => ControlCode.FeedReset,
            6 => ControlCode.KillSwitch,
            _ => ControlCode.Shutdown,
        };
        if (!TerminalControls && code is ControlCode.FeedReset or ControlCode.KillSwitch or ControlCode.Shutdown) code = ControlCode.DeadManOk;
        _event.Reset(EventKind.Control, CoinIndex, TimeMs);
        _event.Control = code;
        _event.Value = code switch
        {
            ControlCode.DeadManFailed => 1 + a % 4,
            // Equity reports wander between 97 % and 101 % of 10,000 USDC, so some runs hit the 2 % stop and most do not.
            ControlCode.Equity => (TerminalControls ? 9_700 + a % 400 : 10_000 + a % 100) * Fixed8.Scale,
            _ => 0,
        };
        Deliver();
    }

    /// <summary>Sees every event before the handler does (the benchmark records a stream with it).</summary>
    public EventTap? Tap { get; set; }

    private void Deliver() => Deliver(ref _event);

    /// <summary>Takes each event instead of the runner (a handler wrapping it, as the live engine's does); null = the runner directly.</summary>
    public EventTap? Consumer { get; set; }

    private void Deliver(ref MarketEvent e)
    {
        Tap?.Invoke(ref e);
        if (Consumer is { } consumer) consumer(ref e);
        else Runner.OnEvent(ref e);
    }
}
