using HlScalper.Gateway.Info;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Recovery;

/// <summary>The account as <c>/info</c> reported it at <see cref="TakenUtcMs"/> (local time just before the requests): open orders, clearinghouse state and recent fills.</summary>
public sealed record AccountSnapshot(long TakenUtcMs, IReadOnlyList<OpenOrder> OpenOrders, ClearinghouseState State, IReadOnlyList<UserFill> Fills)
{
    public static async Task<AccountSnapshot> FetchAsync(HlInfoClient info, string user, TimeProvider clock, CancellationToken ct)
    {
        var taken = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var orders = info.OpenOrdersAsync(user, ct);
        var state = info.ClearinghouseStateAsync(user, ct);
        var fills = info.UserFillsAsync(user, ct);
        return new AccountSnapshot(taken, await orders, await state, await fills);
    }
}
