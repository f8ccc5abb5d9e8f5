using System.Globalization;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;

namespace HlScalper.Cli.Options;

/// <summary>Finds the coin a verb asked for in loaded data: by name in any case, or the only coin there is; otherwise an error naming the coins present.</summary>
internal static class CoinChoice
{
    /// <exception cref="TickDataException">No data for <paramref name="coin"/>, or several coins and none asked for; the message lists what is there.</exception>
    public static (ushort Index, string Name) Pick(Tape tape, string? coin, string source)
    {
        var counts = tape.CountByCoin();
        var present = Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).Select(i => (Index: (ushort)i, Name: tape.Coins.NameOf((ushort)i))).ToList();
        if (coin is null)
        {
            if (present.Count == 1) return present[0];
            if (present.Count == 0) throw new TickDataException($"no market events in {source}");
            throw new TickDataException($"{source} holds several coins: {Listing(present, counts)}; pick one with --coin");
        }
        // An exact spelling first: kPEPE and KPEPE could both exist.
        var match = present.FirstOrDefault(p => p.Name == coin);
        if (match.Name is null) match = present.FirstOrDefault(p => string.Equals(p.Name, coin, StringComparison.OrdinalIgnoreCase));
        if (match.Name is not null) return match;
        throw new TickDataException(present.Count == 0
            ? $"no market events in {source}"
            : $"no {coin} data in {source}; it holds {Listing(present, counts)}");
    }

    private static string Listing(List<(ushort Index, string Name)> present, long[] counts) =>
        string.Join(", ", present.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} ({counts[p.Index]:N0} events)")));
}
