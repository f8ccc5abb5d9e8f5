using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Tests;

/// <summary>Builds synthetic tapes and runs the scripted handler over them in either driver mode.</summary>
public static class ReplayHarness
{
    public static EventTape SyntheticTape(long durationMs, ulong seed = 42) =>
        HlScalper.Replay.Synthetic.SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = durationMs, Seed = seed });

    public static (ScriptState State, SimExchange Exchange, long Published) Run(EventTape tape, SimExchangeConfig config, bool threaded)
    {
        var exchange = new SimExchange(config, tape.Coins.Count);
        var state = new ScriptState(exchange);
        long published;
        if (threaded)
        {
            using var engine = new ThreadedEngine<ScriptedHandler>(new ScriptedHandler(state), ringSize: 256);
            var port = engine.Sink;
            published = ReplayDriver.Run(tape, exchange, ref port);
        }
        else
        {
            var engine = new InlineEngine<ScriptedHandler>(new ScriptedHandler(state), ringSize: 256);
            published = ReplayDriver.Run(tape, exchange, ref engine);
        }
        return (state, exchange, published);
    }
}
