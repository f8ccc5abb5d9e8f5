namespace HlScalper.LocalExchange.Accounts;

/// <summary>The nonce rules of one signer (spec §4): the 100 highest nonces are kept; a new one must be unused, above the smallest kept once 100 are held, and within (T − 2 days, T + 1 day).</summary>
public sealed class NonceWindow
{
    public const int Kept = 100;
    public const long PastWindowMs = 2 * 86_400_000L;
    public const long FutureWindowMs = 86_400_000L;

    private readonly SortedSet<long> _highest = [];

    /// <summary>Accepts and records <paramref name="nonce"/>, or returns the exchange's error text.</summary>
    public string? TryUse(long nonce, long nowMs)
    {
        if (nonce <= nowMs - PastWindowMs || nonce >= nowMs + FutureWindowMs)
            return $"Invalid nonce: nonce {nonce} is outside the allowed window ({nowMs - PastWindowMs}, {nowMs + FutureWindowMs})";
        if (_highest.Contains(nonce)) return $"Invalid nonce: duplicate nonce {nonce}";
        if (_highest.Count == Kept && nonce < _highest.Min)
            return $"Invalid nonce: nonce {nonce} is lower than the smallest of the {Kept} highest nonces used ({_highest.Min})";
        _highest.Add(nonce);
        if (_highest.Count > Kept) _highest.Remove(_highest.Min);
        return null;
    }
}
