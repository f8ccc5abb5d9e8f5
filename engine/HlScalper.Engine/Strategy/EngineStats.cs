using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Risk;

namespace HlScalper.Engine.Strategy;

/// <summary>Counters and account figures of one coin's engine; written only by the engine thread, read after a run or for metrics.</summary>
public sealed class EngineStats
{
    private readonly long[] _exits = new long[Enum.GetValues<IntentReason>().Length];
    private readonly long[] _skips = new long[Enum.GetValues<SkipReason>().Length];
    private readonly long[] _vetoes = new long[Enum.GetValues<VetoReason>().Length];
    private readonly long[] _cancels = new long[Enum.GetValues<IntentReason>().Length];
    private readonly OrderStatus[] _gaveUp = new OrderStatus[Enum.GetValues<OrderRole>().Length];

    public long Events { get; internal set; }

    /// <summary>Entry orders sent.</summary>
    public long Entries { get; internal set; }

    /// <summary>Entries that filled at least partly (positions opened).</summary>
    public long EntriesFilled { get; internal set; }

    public long Fills { get; internal set; }

    /// <summary>Our orders the exchange rejected.</summary>
    public long Rejects { get; internal set; }

    /// <summary>Our cancels the exchange refused because the order was no longer open (it filled, or was cancelled, first): no reject.</summary>
    public long CancelMisses { get; internal set; }

    /// <summary>Positions closed (back to flat).</summary>
    public long Trades { get; internal set; }

    /// <summary>Closed positions with positive PnL after fees.</summary>
    public long Wins { get; internal set; }

    /// <summary>Signed position in coins.</summary>
    public decimal Position { get; internal set; }

    /// <summary>Realized PnL in USDC before fees.</summary>
    public double RealizedPnl { get; internal set; }

    /// <summary>Fees paid in USDC (negative = rebates earned).</summary>
    public double Fees { get; internal set; }

    /// <summary>Latest equity in USDC (reported equity + PnL since the report, position marked to mid).</summary>
    public double Equity { get; internal set; }

    /// <summary>The current UTC day's equity peak.</summary>
    public double PeakEquity { get; internal set; }

    /// <summary>The current Kelly fraction f* (prior + own trades).</summary>
    public double KellyF { get; internal set; }

    /// <summary>Positions closed, by the reason of the order that closed them (TakeProfit, TimeoutExit, AdverseExit, EquityStop, or None when unknown).</summary>
    public long Exits(IntentReason reason) => _exits[(int)reason];

    public long Skips(SkipReason reason) => _skips[(int)reason];

    /// <summary>The refusal after which the role's orders stopped (<see cref="RefusalBackoff"/>); <see cref="OrderStatus.Unknown"/> while it still sends.</summary>
    public OrderStatus GaveUpOn(OrderRole role) => _gaveUp[(int)role];

    /// <summary>Exits and take-profits held back by a refusal backoff (entries count as a <see cref="SkipReason.Backoff"/> skip).</summary>
    public long HeldBack { get; internal set; }

    internal void GiveUp(OrderRole role, OrderStatus status) => _gaveUp[(int)role] = status;

    public long Vetoes(VetoReason reason) => _vetoes[(int)reason];

    /// <summary>Cancels sent, by reason (EntryStale, EntryTimeout, EntryRemainder, TakeProfit, StaleFeed, KillSwitch, EquityStop, Shutdown).</summary>
    public long Cancels(IntentReason reason) => _cancels[(int)reason];

    public long TotalCancels => Sum(_cancels);

    public long TotalExits => Sum(_exits);

    public long TotalSkips => Sum(_skips);

    internal void CountExit(IntentReason reason) => _exits[(int)reason]++;

    internal void CountSkip(SkipReason reason) => _skips[(int)reason]++;

    internal void CountVeto(VetoReason reason) => _vetoes[(int)reason]++;

    internal void CountCancel(IntentReason reason) => _cancels[(int)reason]++;

    public override string ToString() =>
        $"entries={Entries} filled={EntriesFilled} trades={Trades} wins={Wins} exits[tp={Exits(IntentReason.TakeProfit)} timeout={Exits(IntentReason.TimeoutExit)} " +
        $"adverse={Exits(IntentReason.AdverseExit)} stop={Exits(IntentReason.EquityStop)}] skips[narrow={Skips(SkipReason.SpreadTooNarrow)} " +
        $"kelly={Skips(SkipReason.KellyNotPositive)} min={Skips(SkipReason.BelowMinNotional)} veto={Skips(SkipReason.RiskVeto)} backoff={Skips(SkipReason.Backoff)}] held_back={HeldBack} " +
        $"cancels={TotalCancels} cancel_misses={CancelMisses} rejects={Rejects} position={Position} pnl={RealizedPnl:0.####} fees={Fees:0.####} equity={Equity:0.##}{GaveUpText()}";

    /// <summary>" gave_up[exit=MinTradeNtlRejected]" for every role that stopped sending; empty when none did.</summary>
    private string GaveUpText()
    {
        var text = "";
        foreach (var role in Enum.GetValues<OrderRole>())
            if (_gaveUp[(int)role] != OrderStatus.Unknown) text += $"{(text.Length == 0 ? "" : " ")}{role.ToString().ToLowerInvariant()}={_gaveUp[(int)role]}";
        return text.Length == 0 ? "" : $" gave_up[{text}]";
    }

    private static long Sum(long[] counts)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        return total;
    }
}
