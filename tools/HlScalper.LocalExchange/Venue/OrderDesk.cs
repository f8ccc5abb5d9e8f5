using System.Text.Json.Nodes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.LocalExchange.Accounts;
using HlScalper.Protocol.Actions;

namespace HlScalper.LocalExchange.Venue;

/// <summary>Executes trading actions for one account against its matching core: the exchange's order checks, then the back-tester's queue model; answers in the exchange's status shapes.</summary>
/// <remarks>Called by <see cref="LocalVenue"/> under its lock.</remarks>
internal sealed class OrderDesk(LocalVenue venue, Random random)
{
    public const decimal MinOrderValue = 10m;
    public const long ScheduleLeadMs = 5_000;

    public JsonNode PlaceAll(Account account, OrderAction action, long now)
    {
        if (action.Count == 0) return venue.Error("Order list is empty.");
        var statuses = new JsonArray();
        for (var i = 0; i < action.Count; i++) statuses.Add(Place(account, action.Orders[i], now));
        return Statuses("order", statuses);
    }

    public JsonNode CancelAll(Account account, CancelAction action, long now)
    {
        var statuses = new JsonArray();
        for (var i = 0; i < action.Count; i++)
        {
            var wire = action.Cancels[i];
            statuses.Add(Cancel(account, wire.Asset, account.Find(wire.Oid), now));
        }
        return Statuses("cancel", statuses);
    }

    public JsonNode CancelAll(Account account, CancelByCloidAction action, long now)
    {
        var statuses = new JsonArray();
        for (var i = 0; i < action.Count; i++)
        {
            var wire = action.Cancels[i];
            statuses.Add(Cancel(account, wire.Asset, account.Find(wire.Cloid), now));
        }
        return Statuses("cancel", statuses);
    }

    public JsonNode Modify(Account account, ModifyAction action, long now)
    {
        var status = ModifyOne(account, action.Target, action.Order, now);
        return status is JsonObject o && o.TryGetPropertyValue("error", out var error) ? Unwrap(error!.GetValue<string>()) : LocalVenue.Ok();
    }

    public JsonNode BatchModify(Account account, BatchModifyAction action, long now)
    {
        var statuses = new JsonArray();
        for (var i = 0; i < action.Count; i++) statuses.Add(ModifyOne(account, action.Modifies[i].Target, action.Modifies[i].Order, now));
        return Statuses("order", statuses);
    }

    /// <summary>Sets (or, without a time, clears) the dead-man switch: at least 5 s ahead, at most 10 triggers per UTC day.</summary>
    public JsonNode Schedule(Account account, long? time, long now)
    {
        ResetDay(account, now);
        if (time is not { } due)
        {
            account.ScheduledCancelMs = null;
            return LocalVenue.Ok();
        }
        if (due < now + ScheduleLeadMs) return venue.Error(ErrorTexts.ScheduleTooEarly);
        if (account.ScheduledCancelsToday >= Account.ScheduledCancelsPerDay) return venue.Error(ErrorTexts.ScheduleLimit);
        account.ScheduledCancelMs = due;
        return LocalVenue.Ok();
    }

    /// <summary>The deadline passed: cancels every open order with status <c>scheduledCancel</c>.</summary>
    public void FireScheduledCancel(Account account, long now)
    {
        ResetDay(account, now);
        account.ScheduledCancelMs = null;
        account.ScheduledCancelsToday++;
        venue.Counters.ScheduledCancels++;
        for (ushort coin = 0; coin < venue.Market.CoinCount; coin++)
        {
            Run(account, new OrderIntent { Kind = IntentKind.CancelAll, Coin = coin, DecisionTimeMs = now });
            for (var i = 0; i < venue.Events.Count; i++)
                if (venue.Events[i].Status == OrderStatus.Canceled) venue.Events[i].Status = OrderStatus.ScheduledCancel;
            venue.Apply(account);
        }
    }

    public JsonNode UpdateLeverage(Account account, UpdateLeverageAction action)
    {
        var coin = venue.Market.CoinOfAsset(action.Asset);
        if (coin < 0) return venue.Error(ErrorTexts.UnknownAsset(action.Asset));
        if (action.Leverage < 1 || action.Leverage > venue.Market.Assets[coin].MaxLeverage) return venue.Error(ErrorTexts.Leverage);
        account.SetLeverage((ushort)coin, action.Leverage);
        return LocalVenue.Ok();
    }

    private JsonNode Place(Account account, in OrderWire wire, long now)
    {
        venue.Counters.Orders++;
        if (random.NextDouble() < venue.Faults.RejectShare)
        {
            venue.Counters.InjectedRejects++;
            return OrderError(ErrorTexts.Injected);
        }
        var coin = venue.Market.CoinOfAsset(wire.Asset);
        if (coin < 0) return OrderError(ErrorTexts.UnknownAsset(wire.Asset));
        if (wire.IsTrigger) return OrderError(ErrorTexts.TriggerUnsupported);
        var asset = venue.Market.Assets[coin];
        if (!asset.IsValidPrice(wire.Price.Raw)) return OrderError(ErrorTexts.Tick);
        if (!PriceRules.IsValidSize(wire.Size.Raw, asset.SzDecimals)) return OrderError(ErrorTexts.Size);
        var notional = Fixed8.ToDecimal(wire.Price.Raw) * Fixed8.ToDecimal(wire.Size.Raw);
        if ((!wire.ReduceOnly || venue.Options.MinValueForReduceOnly) && notional < MinOrderValue) return OrderError(ErrorTexts.MinValue);
        if (!wire.ReduceOnly && !HasMargin(account, (ushort)coin, notional)) return OrderError(ErrorTexts.Margin);

        var side = wire.IsBuy ? Side.Buy : Side.Sell;
        Run(account, new OrderIntent
        {
            Kind = IntentKind.Place, Side = side, Tif = wire.Tif, ReduceOnly = wire.ReduceOnly, Coin = (ushort)coin,
            Px = new Px(wire.Price.Raw), Sz = new Sz(wire.Size.Raw), Cloid = wire.HasCloid ? wire.Cloid : default, DecisionTimeMs = now,
        });
        var events = venue.Events;
        if (events.Count == 0) return OrderError("Order rejected: the matching core gave no answer.");
        if (events[0].Kind == EventKind.OrderUpdate && events[0].Status.IsReject())
        {
            var book = venue.Market.Book((ushort)coin);
            return OrderError(ErrorTexts.ForRejection(events[0].Status, book.BestBid.Raw, book.BestAsk.Raw));
        }
        long oid = 0, filled = 0;
        Int128 paid = 0;
        var final = OrderStatus.Unknown;
        for (var i = 0; i < events.Count; i++)
        {
            ref var e = ref events[i];
            oid = e.Oid;
            if (e.Kind == EventKind.Fill)
            {
                filled += e.Sz.Raw;
                paid += (Int128)e.Px.Raw * e.Sz.Raw;
            }
            else final = e.Status;
        }
        account.Remember(new OrderRecord
        {
            Oid = oid, Coin = (ushort)coin, Side = side, LimitPxRaw = wire.Price.Raw, OrigSzRaw = events[0].OrigSz.Raw, Tif = wire.Tif,
            ReduceOnly = wire.ReduceOnly, Cloid = wire.HasCloid ? wire.Cloid : default, TimestampMs = now, RemainingRaw = events[0].OrigSz.Raw,
            StatusTimestampMs = now,
        });
        venue.Apply(account);
        venue.Counters.Acks++;
        var cloid = wire.HasCloid ? wire.Cloid.ToString() : null;
        if (final == OrderStatus.Open || filled == 0)
            return new JsonObject { ["resting"] = WithCloid(new JsonObject { ["oid"] = oid }, cloid) };
        return new JsonObject
        {
            ["filled"] = WithCloid(new JsonObject
            {
                ["totalSz"] = Fixed8.ToString(filled),
                ["avgPx"] = Fixed8.ToString((long)(paid / filled)),
                ["oid"] = oid,
            }, cloid),
        };
    }

    private JsonNode Cancel(Account account, int asset, OrderRecord? order, long now)
    {
        var coin = venue.Market.CoinOfAsset(asset);
        if (coin < 0) return OrderError(ErrorTexts.UnknownAsset(asset));
        if (order is null || order.Status != OrderStatus.Open || order.Coin != coin) return OrderError(ErrorTexts.CancelMissing);
        Run(account, new OrderIntent { Kind = IntentKind.Cancel, Oid = order.Oid, Coin = order.Coin, DecisionTimeMs = now });
        var cancelled = venue.Events.Count > 0;
        venue.Apply(account);
        return cancelled ? JsonValue.Create("success") : OrderError(ErrorTexts.CancelMissing);
    }

    private JsonNode ModifyOne(Account account, ModifyTarget target, in OrderWire wire, long now)
    {
        var order = target.IsCloid ? account.Find(target.Cloid) : account.Find(target.Oid);
        if (order is null || order.Status != OrderStatus.Open) return OrderError(ErrorTexts.ModifyMissing);
        Run(account, new OrderIntent { Kind = IntentKind.Cancel, Oid = order.Oid, Coin = order.Coin, DecisionTimeMs = now });
        venue.Apply(account);
        return Place(account, in wire, now);
    }

    /// <summary>Free margin covers the order's initial margin: account value minus the margin of positions and of other open orders.</summary>
    private bool HasMargin(Account account, ushort coin, decimal notional)
    {
        var (unrealized, margin, _) = account.Exposure(venue.Market.Mark, venue.Market.CoinCount);
        long ordersMargin = 0;
        foreach (var order in account.OpenOrders)
            if (!order.ReduceOnly) ordersMargin += (long)((Int128)order.LimitPxRaw * order.RemainingRaw / Fixed8.Scale) / account.LeverageOf(order.Coin);
        var free = account.CashRaw + unrealized - margin - ordersMargin;
        return Fixed8.FromDecimal(notional / account.LeverageOf(coin)) <= free;
    }

    /// <summary>Hands one intent to the account's matching core and collects its answers in <see cref="LocalVenue.Events"/>.</summary>
    private void Run(Account account, OrderIntent intent)
    {
        venue.Events.Clear();
        account.Matching.Submit(in intent);
        account.Matching.AcceptSubmitted();
        var sink = venue.Events.AsSink();
        account.Matching.ProcessNextArrival(ref sink);
    }

    private static void ResetDay(Account account, long now)
    {
        var day = LocalVenue.DayOf(now);
        if (account.ScheduledCancelDay == day) return;
        account.ScheduledCancelDay = day;
        account.ScheduledCancelsToday = 0;
    }

    private JsonNode OrderError(string text)
    {
        venue.Counters.Reject(text);
        return new JsonObject { ["error"] = text };
    }

    private static JsonNode Unwrap(string text) => new JsonObject { ["status"] = "err", ["response"] = text };

    private static JsonObject WithCloid(JsonObject status, string? cloid)
    {
        if (cloid is not null) status["cloid"] = cloid;
        return status;
    }

    private static JsonNode Statuses(string type, JsonArray statuses) => new JsonObject
    {
        ["status"] = "ok",
        ["response"] = new JsonObject { ["type"] = type, ["data"] = new JsonObject { ["statuses"] = statuses } },
    };
}
