using HlScalper.Engine.Events;

namespace HlScalper.Engine.Strategy;

/// <summary>
/// How the slot runner paces the next order of one role after the exchange refused the last: each refusal in a row doubles the
/// wait (<see cref="BaseMs"/> up to <see cref="MaxMs"/>), an accepted order resets it, and a refusal that retrying cannot change
/// (<see cref="OrderStatusExtensions.IsPermanentRefusal"/>) ends the retries of an exit or take-profit after <see cref="PermanentAttempts"/> attempts.
/// </summary>
/// <remarks>
/// Without it a refused exit is resent on the very next event, every few milliseconds: thousands of refusals a minute, over the
/// exchange's message limit and through the address's request budget. A permanent refusal gets a few attempts rather than one
/// because the engine's view may lag the exchange's (a fill still on its way).
/// </remarks>
public struct RefusalBackoff
{
    /// <summary>Wait after the first refusal in a row.</summary>
    public const long BaseMs = 250;

    /// <summary>Longest wait between two attempts.</summary>
    public const long MaxMs = 8_000;

    /// <summary>Attempts (the first send and its resends) that end in a permanent refusal before the role gives up.</summary>
    public const int PermanentAttempts = 3;

    /// <summary>Refusals in a row.</summary>
    public int Refusals;

    /// <summary>Permanent refusals in a row.</summary>
    public int PermanentRefusals;

    /// <summary>No order of this role before this time (engine ms).</summary>
    public long NextAttemptMs;

    /// <summary>The refusal the role gave up on; <see cref="OrderStatus.Unknown"/> while it still tries.</summary>
    public OrderStatus GaveUpOn;

    public readonly bool GaveUp => GaveUpOn != OrderStatus.Unknown;

    /// <summary>Whether an order of this role may go out at <paramref name="nowMs"/>.</summary>
    public readonly bool MayTry(long nowMs) => !GaveUp && nowMs >= NextAttemptMs;

    /// <summary>Notes a refusal at <paramref name="nowMs"/>; true when this one makes the role give up.</summary>
    /// <param name="mayGiveUp">False for entries: each is a new decision, sized and priced afresh, so a permanent refusal only backs
    /// it off; exits and take-profits resend the same order, and those stop.</param>
    public bool OnRefused(OrderStatus status, long nowMs, bool mayGiveUp = true)
    {
        Refusals++;
        NextAttemptMs = nowMs + Math.Min(MaxMs, BaseMs << Math.Min(Refusals - 1, 16));
        if (!mayGiveUp || !status.IsPermanentRefusal())
        {
            PermanentRefusals = 0;
            return false;
        }
        if (++PermanentRefusals < PermanentAttempts || GaveUp) return false;
        GaveUpOn = status;
        return true;
    }

    /// <summary>The exchange took an order of this role: the next refusal starts the count again.</summary>
    public void OnAccepted()
    {
        Refusals = 0;
        PermanentRefusals = 0;
        NextAttemptMs = 0;
    }
}
