using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HlScalper.Live.Recovery;

/// <summary>Where this engine's cloids come from: a prefix stable across restarts (so a restart adopts what the last run left) and a counter start unique per start.</summary>
public static class CloidPrefixes
{
    /// <summary>The first 8 bytes of SHA-256("hlscalper|ACCOUNT|COIN|INSTANCE"), account in lower case; never 0.</summary>
    public static ulong For(string account, string coin, string instance)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"hlscalper|{account.ToLowerInvariant()}|{coin}|{instance}"));
        var prefix = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return prefix == 0 ? 1 : prefix;
    }

    /// <summary>
    /// The counter start of a run begun at <paramref name="startUtcMs"/>: the start time shifted left 20 bits, so each millisecond
    /// between two starts leaves room for a million orders and cloids never repeat across restarts.
    /// </summary>
    public static ulong CounterStart(long startUtcMs) => (ulong)startUtcMs << 20;
}
