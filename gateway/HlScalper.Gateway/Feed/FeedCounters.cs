namespace HlScalper.Gateway.Feed;

/// <summary>What a feed has done so far; the codec's own counters (messages, bytes, parse errors) sit beside these.</summary>
public sealed class FeedCounters
{
    public long Connects { get; internal set; }
    public long Reconnects { get; internal set; }
    public long ConnectFailures { get; internal set; }
    public long PingsSent { get; internal set; }
    public long Pongs { get; internal set; }
    public long StaleSignals { get; internal set; }

    /// <summary>Times the monitor looked for silent coins on a live connection (every <see cref="FeedOptions.MonitorPeriod"/>).</summary>
    public long StaleChecks { get; internal set; }
    public long Acks { get; internal set; }
    public long ServerErrors { get; internal set; }

    public override string ToString() =>
        $"connects={Connects} reconnects={Reconnects} connectFailures={ConnectFailures} pings={PingsSent} pongs={Pongs} stale={StaleSignals} acks={Acks} serverErrors={ServerErrors}";
}
