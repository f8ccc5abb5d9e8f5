using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Recovery;

/// <summary>
/// What to do with the account's state for one coin before trading (and after every reconnect), decided from an
/// <see cref="AccountSnapshot"/>. The policy:
/// <list type="bullet">
/// <item>Orders with this engine's cloid prefix are ours: the newest non-reduce-only one is adopted as the working entry and the
/// newest reduce-only one as the take-profit (the slot holds at most one of each); every other one of ours is an orphan and is
/// cancelled.</item>
/// <item>Orders on the coin without our prefix are foreign (a person or another program): they are left alone and reported,
/// because cancelling someone else's orders is not this engine's call.</item>
/// <item>The coin's position is adopted whoever opened it (a position cannot be split by owner): the engine manages its exit and
/// enters nothing while it is open. Its opening time is the fill that last took the position away from flat, else the snapshot time.</item>
/// </list>
/// </summary>
public sealed record RecoveryPlan(
    IReadOnlyList<OpenOrder> Adopt,
    IReadOnlyList<OpenOrder> Cancel,
    IReadOnlyList<OpenOrder> Foreign,
    long PositionRaw,
    long EntryPxRaw,
    long OpenedMs)
{
    public static RecoveryPlan From(AccountSnapshot snapshot, string coin, ulong prefix)
    {
        var adopt = new List<OpenOrder>();
        var cancel = new List<OpenOrder>();
        var foreign = new List<OpenOrder>();
        bool haveEntry = false, haveTakeProfit = false;
        foreach (var order in snapshot.OpenOrders.Where(o => o.Coin == coin).OrderByDescending(o => o.Timestamp))
        {
            if (!IsOurs(order, prefix))
            {
                foreign.Add(order);
                continue;
            }
            ref var taken = ref order.ReduceOnly == true ? ref haveTakeProfit : ref haveEntry;
            if (taken) cancel.Add(order);
            else
            {
                taken = true;
                adopt.Add(order);
            }
        }
        var position = snapshot.State.AssetPositions.Select(p => p.Position).FirstOrDefault(p => p.Coin == coin);
        var size = position is null ? 0 : Fixed8.Parse(position.Szi);
        var entry = position?.EntryPx is { } px && size != 0 ? Fixed8.Parse(px) : 0;
        return new RecoveryPlan(adopt, cancel, foreign, size, entry, size == 0 ? 0 : OpenedAt(snapshot, coin, size));
    }

    public static bool IsOurs(OpenOrder order, ulong prefix) =>
        order.Cloid is { } text && Cloid.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var cloid) && cloid.HasPrefix(prefix);

    /// <summary>The time of the newest fill that opened the current position from flat (or flipped it); the snapshot time when the fills do not reach back that far.</summary>
    private static long OpenedAt(AccountSnapshot snapshot, string coin, long size)
    {
        foreach (var fill in snapshot.Fills.Where(f => f.Coin == coin).OrderByDescending(f => f.Time))
        {
            var before = Fixed8.Parse(fill.StartPosition);
            if (before == 0 || Math.Sign(before) != Math.Sign(size)) return fill.Time;
        }
        return snapshot.TakenUtcMs;
    }
}
