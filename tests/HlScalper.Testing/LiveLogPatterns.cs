using System.Text.RegularExpressions;

namespace HlScalper.Testing;

/// <summary>The structured lines of <c>hlscalper live</c> the end-to-end tests look for.</summary>
public static class LiveLogPatterns
{
    public static readonly Regex OrderSent = new(@"\bevt=order\b");
    public static readonly Regex Ack = new(@"\bevt=ack\b");
    public static readonly Regex Reconnected = new(@"\bevt=reconnect\b");
    public static readonly Regex Resynced = new(@"\bevt=resynced\b");
    public static readonly Regex Recovered = new(@"\bevt=recovered\b");
    public static readonly Regex DeadManTakeover = new(@"\bevt=deadman_takeover\b");
    public static readonly Regex Adopted = new(@"\bevt=adopt\b");
    public static readonly Regex EquityStop = new(@"\bevt=equity_stop\b");
}
