using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Info;
using HlScalper.Live.Producers;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Account;

/// <summary>Polls <c>clearinghouseState</c> and publishes the account value as <see cref="HlScalper.Engine.Events.ControlCode.Equity"/>, so the equity stop sees the exchange's figure.</summary>
public sealed class EquityPoller(HlInfoClient info, string user, RingPublisher publisher, TimeSpan interval, TimeProvider clock, Action<string> log)
{
    private long _lastValueRaw = long.MinValue;

    /// <summary>The last account value polled (USDC), null before the first answer.</summary>
    public decimal? LastAccountValue => Volatile.Read(ref _lastValueRaw) is var raw && raw != long.MinValue ? Fixed8.ToDecimal(raw) : null;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) await PollOnceAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task PollOnceAsync(CancellationToken ct)
    {
        try
        {
            var state = await info.ClearinghouseStateAsync(user, ct).ConfigureAwait(false);
            Volatile.Write(ref _lastValueRaw, Fixed8.Parse(state.MarginSummary.AccountValue));
            publisher.Equity(state, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (HlInfoException e)
        {
            log($"equity poll failed: {e.Message}");
        }
    }
}
