using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live.Recovery;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Account;

/// <summary>The live run's off-engine actions on the account: cancel orders by cloid (orphans, shutdown) and flatten the position with a reduce-only IOC.</summary>
public sealed class AccountActions(HlInfoClient info, ExchangeClient client, string user, AssetMeta asset, ulong prefix)
{
    /// <summary>How far through the touch a flattening IOC is priced (0.5 %), so it crosses even while the book moves.</summary>
    public const double FlattenSlippage = 0.005;

    /// <summary>Cancels these orders by cloid in one action; returns how many the exchange confirmed.</summary>
    public async Task<int> CancelAsync(IReadOnlyList<OpenOrder> orders, CancellationToken ct)
    {
        if (orders.Count == 0) return 0;
        var cancels = orders.Select(o => new CloidCancelWire(asset.AssetId, Cloid.Parse(o.Cloid!))).ToArray();
        var response = await client.SendAsync(new CancelByCloidAction(cancels), ct).ConfigureAwait(false);
        return response.Statuses.Count(s => s.Kind == ActionStatusKind.Success);
    }

    /// <summary>Cancels every order of ours on the coin until none is left or <paramref name="timeout"/> passes; returns how many were cancelled.</summary>
    public async Task<int> CancelAllOursAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var cancelled = 0;
        while (DateTime.UtcNow < deadline)
        {
            var ours = (await info.OpenOrdersAsync(user, ct).ConfigureAwait(false)).Where(o => o.Coin == asset.Name && RecoveryPlan.IsOurs(o, prefix)).ToList();
            if (ours.Count == 0) return cancelled;
            cancelled += await CancelAsync(ours, ct).ConfigureAwait(false);
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        return cancelled;
    }

    /// <summary>The coin's signed position (raw) as the exchange reports it now.</summary>
    public async Task<long> PositionAsync(CancellationToken ct)
    {
        var state = await info.ClearinghouseStateAsync(user, ct).ConfigureAwait(false);
        var position = state.AssetPositions.Select(p => p.Position).FirstOrDefault(p => p.Coin == asset.Name);
        return position is null ? 0 : Fixed8.Parse(position.Szi);
    }

    /// <summary>Closes the coin's position with a reduce-only IOC priced <see cref="FlattenSlippage"/> through the touch; retries until
    /// flat or out of attempts. Returns the position left (raw), read after the last attempt, and the exchange's last refusal.</summary>
    /// <param name="sent">Told each order as it goes out (for the log and the counters).</param>
    public async Task<(long PositionLeft, string? Refusal)> FlattenAsync(Func<Cloid> nextCloid, int attempts, Action<OrderIntent> sent, CancellationToken ct)
    {
        string? refusal = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var size = await PositionAsync(ct).ConfigureAwait(false);
            if (size == 0) return (0, null);
            var book = await info.L2BookAsync(asset.Name, ct).ConfigureAwait(false);
            var sell = size > 0;
            var touchLevels = book?.Levels.ElementAtOrDefault(sell ? 0 : 1);
            if (touchLevels is null || touchLevels.Count == 0) throw new ExchangeTransportException($"no {(sell ? "bid" : "ask")} in the {asset.Name} book to flatten against");
            var touch = Fixed8.Parse(touchLevels[0].Px);
            var px = sell
                ? asset.RoundPriceDown((long)(touch * (1 - FlattenSlippage)))
                : asset.RoundPriceUp((long)(touch * (1 + FlattenSlippage)));
            var intent = new OrderIntent
            {
                Kind = IntentKind.Place, Side = sell ? Side.Sell : Side.Buy, Tif = Tif.Ioc, ReduceOnly = true, Reason = IntentReason.Shutdown,
                Px = new Px(px), Sz = new Sz(Math.Abs(size)), Cloid = nextCloid(),
            };
            sent(intent);
            var order = OrderWire.Limit(asset.AssetId, !sell, intent.Px, intent.Sz, Tif.Ioc, reduceOnly: true, cloid: intent.Cloid);
            var response = await client.SendAsync(new OrderAction([order]), ct).ConfigureAwait(false);
            refusal = response.Statuses.FirstOrDefault(s => s.Kind == ActionStatusKind.Error).Error ?? refusal;
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        return (await PositionAsync(ct).ConfigureAwait(false), refusal);
    }
}
