using System.Buffers;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.LocalExchange.Accounts;

namespace HlScalper.LocalExchange.Venue;

/// <summary>Answers <c>/info</c> requests (spec §9) from the venue's state, in the exchange's shapes: meta, metaAndAssetCtxs, allMids, l2Book, openOrders, frontendOpenOrders, clearinghouseState, userFills, orderStatus, userRateLimit.</summary>
public sealed class InfoResponder(LocalVenue venue)
{
    /// <summary>The info type of a request body and its answer JSON.</summary>
    /// <exception cref="FormatException">Not an object, no or an unknown <c>type</c>, or a missing field (HTTP 422, as the exchange).</exception>
    public (string Type, string Json) Answer(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
            throw new FormatException("missing field 'type'");
        var type = t.GetString()!;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            venue.Locked(() =>
            {
                Write(w, type, request);
                return 0;
            });
        }
        return (type, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private void Write(Utf8JsonWriter w, string type, JsonElement request)
    {
        switch (type)
        {
            case "meta":
                WriteMeta(w);
                break;
            case "metaAndAssetCtxs":
                w.WriteStartArray();
                WriteMeta(w);
                WriteContexts(w);
                w.WriteEndArray();
                break;
            case "allMids":
                w.WriteStartObject();
                for (ushort coin = 0; coin < venue.Market.CoinCount; coin++)
                    if (venue.Market.Mark(coin) is var mark and > 0) w.WriteString(venue.Market.Coins.NameOf(coin), Fixed8.ToString(mark));
                w.WriteEndObject();
                break;
            case "l2Book":
                WriteBook(w, Str(request, "coin"));
                break;
            case "openOrders":
            case "frontendOpenOrders":
                w.WriteStartArray();
                foreach (var order in Account(request)?.OpenOrders.Reverse() ?? [])
                    WriteOrder(w, order, frontend: type == "frontendOpenOrders");
                w.WriteEndArray();
                break;
            case "clearinghouseState":
                WriteClearinghouse(w, Account(request));
                break;
            case "userFills":
                w.WriteStartArray();
                var fills = Account(request)?.Fills ?? [];
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fills);
                for (var i = span.Length - 1; i >= 0; i--) venue.Writer.WriteFill(w, in span[i]);
                w.WriteEndArray();
                break;
            case "orderStatus":
                WriteOrderStatus(w, Account(request), Required(request, "oid"));
                break;
            case "userRateLimit":
                var budget = Account(request)?.Budget;
                w.WriteStartObject();
                w.WriteString("cumVlm", (budget?.Volume ?? 0).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("nRequestsUsed", budget?.Used ?? 0);
                w.WriteNumber("nRequestsCap", budget?.Limit ?? venue.Options.ActionBudget);
                w.WriteNumber("nRequestsSurplus", 0);
                w.WriteEndObject();
                break;
            default:
                throw new FormatException($"unknown info type '{type}'");
        }
    }

    private Account? Account(JsonElement request) => venue.Find(Str(request, "user"));

    private void WriteMeta(Utf8JsonWriter w)
    {
        var assets = venue.Market.Assets;
        var slots = assets.Max(a => a.AssetId) + 1;
        w.WriteStartObject();
        w.WriteStartArray("universe");
        for (var id = 0; id < slots; id++)
        {
            var asset = assets.FirstOrDefault(a => a.AssetId == id);
            w.WriteStartObject();
            // Asset ids are positions in the universe: unused slots stay, flagged delisted, as the exchange keeps them.
            w.WriteString("name", asset?.Name ?? $"UNLISTED{id}");
            w.WriteNumber("szDecimals", asset?.SzDecimals ?? 0);
            w.WriteNumber("maxLeverage", asset?.MaxLeverage ?? 1);
            w.WriteNumber("marginTableId", asset?.MaxLeverage ?? 1);
            if (asset is null) w.WriteBoolean("isDelisted", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // One single-tier table per leverage cap, named by it (the ids the universe refers to).
        w.WriteStartArray("marginTables");
        foreach (var leverage in assets.Select(a => a.MaxLeverage).Append(1).Distinct().Order())
        {
            w.WriteStartArray();
            w.WriteNumberValue(leverage);
            w.WriteStartObject();
            w.WriteString("description", $"{leverage}x");
            w.WriteStartArray("marginTiers");
            w.WriteStartObject();
            w.WriteString("lowerBound", "0.0");
            w.WriteNumber("maxLeverage", leverage);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("collateralToken", 0);
        w.WriteEndObject();
    }

    private void WriteContexts(Utf8JsonWriter w)
    {
        var assets = venue.Market.Assets;
        var slots = assets.Max(a => a.AssetId) + 1;
        w.WriteStartArray();
        for (var id = 0; id < slots; id++)
        {
            var coin = venue.Market.CoinOfAsset(id);
            var mark = coin < 0 ? 0 : venue.Market.Mark((ushort)coin);
            var book = coin < 0 ? null : venue.Market.Book((ushort)coin);
            var px = Fixed8.ToString(mark);
            w.WriteStartObject();
            w.WriteString("funding", "0");
            w.WriteString("openInterest", "0");
            w.WriteString("prevDayPx", px);
            w.WriteString("dayNtlVlm", "0");
            w.WriteString("premium", "0");
            w.WriteString("oraclePx", px);
            w.WriteString("markPx", px);
            if (book is { HasTwoSides: true })
            {
                w.WriteString("midPx", Fixed8.ToString(book.MidRaw));
                w.WriteStartArray("impactPxs");
                w.WriteStringValue(Fixed8.ToString(book.BestBid.Raw));
                w.WriteStringValue(Fixed8.ToString(book.BestAsk.Raw));
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("midPx");
                w.WriteNull("impactPxs");
            }
            w.WriteString("dayBaseVlm", "0");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void WriteBook(Utf8JsonWriter w, string coinName)
    {
        var coin = venue.Market.Coins.Find(Encoding.UTF8.GetBytes(coinName));
        if (coin == CoinTable.NotFound)
        {
            w.WriteNullValue();
            return;
        }
        var book = venue.Market.Snapshot((ushort)coin, venue.Market.Book((ushort)coin).TimeMs);
        venue.Writer.WriteBook(w, in book);
    }

    private void WriteOrder(Utf8JsonWriter w, OrderRecord order, bool frontend)
    {
        w.WriteStartObject();
        w.WriteString("coin", venue.Market.Coins.NameOf(order.Coin));
        w.WriteString("side", order.Side == Side.Buy ? "B" : "A");
        w.WriteString("limitPx", Fixed8.ToString(order.LimitPxRaw));
        w.WriteString("sz", Fixed8.ToString(order.RemainingRaw));
        w.WriteNumber("oid", order.Oid);
        w.WriteNumber("timestamp", order.TimestampMs);
        w.WriteString("origSz", Fixed8.ToString(order.OrigSzRaw));
        if (!order.Cloid.IsEmpty) w.WriteString("cloid", order.Cloid.ToString());
        else if (frontend) w.WriteNull("cloid");
        if (order.ReduceOnly || frontend) w.WriteBoolean("reduceOnly", order.ReduceOnly);
        if (frontend)
        {
            w.WriteStartArray("children");
            w.WriteEndArray();
            w.WriteBoolean("isPositionTpsl", false);
            w.WriteBoolean("isTrigger", false);
            w.WriteString("orderType", "Limit");
            w.WriteString("tif", order.Tif.ToString());
            w.WriteString("triggerCondition", "N/A");
            w.WriteString("triggerPx", "0");
        }
        w.WriteEndObject();
    }

    private void WriteOrderStatus(Utf8JsonWriter w, Account? account, JsonElement oid)
    {
        OrderRecord? order = null;
        if (account is not null)
        {
            if (oid.ValueKind == JsonValueKind.Number && oid.TryGetInt64(out var id)) order = account.Find(id);
            else if (oid.ValueKind == JsonValueKind.String && Cloid.TryParse(Encoding.UTF8.GetBytes(oid.GetString()!), out var cloid)) order = account.Find(cloid);
            else throw new FormatException("'oid' is neither an integer nor a cloid");
        }
        w.WriteStartObject();
        if (order is null)
        {
            w.WriteString("status", "unknownOid");
            w.WriteEndObject();
            return;
        }
        w.WriteString("status", "order");
        w.WriteStartObject("order");
        w.WritePropertyName("order");
        WriteOrder(w, order, frontend: true);
        w.WriteString("status", Protocol.Codec.HlOrderStatusNames.NameOf(order.Status));
        w.WriteNumber("statusTimestamp", order.StatusTimestampMs);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteClearinghouse(Utf8JsonWriter w, Account? account)
    {
        var market = venue.Market;
        long cash = account?.CashRaw ?? 0;
        var (unrealized, margin, notional) = account?.Exposure(market.Mark, market.CoinCount) ?? (0, 0, 0);
        var value = cash + unrealized;
        w.WriteStartObject();
        w.WriteStartArray("assetPositions");
        for (ushort coin = 0; account is not null && coin < market.CoinCount; coin++)
        {
            var position = account.Matching.PositionOf(coin);
            if (position.IsFlat) continue;
            var mark = market.Mark(coin) is var m and > 0 ? m : position.EntryPxRaw;
            var positionValue = (long)((Int128)Math.Abs(position.SizeRaw) * mark / Fixed8.Scale);
            var leverage = account.LeverageOf(coin);
            w.WriteStartObject();
            w.WriteString("type", "oneWay");
            w.WriteStartObject("position");
            w.WriteString("coin", market.Coins.NameOf(coin));
            w.WriteString("szi", Fixed8.ToString(position.SizeRaw));
            w.WriteStartObject("leverage");
            w.WriteString("type", "cross");
            w.WriteNumber("value", leverage);
            w.WriteEndObject();
            w.WriteString("entryPx", Fixed8.ToString(position.EntryPxRaw));
            w.WriteString("positionValue", Fixed8.ToString(positionValue));
            w.WriteString("unrealizedPnl", Fixed8.ToString(position.Unrealized(mark)));
            w.WriteString("returnOnEquity", "0");
            w.WriteNull("liquidationPx");
            w.WriteString("marginUsed", Fixed8.ToString(positionValue / leverage));
            w.WriteNumber("maxLeverage", market.Assets[coin].MaxLeverage);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("crossMaintenanceMarginUsed", Fixed8.ToString(margin / 2));
        WriteSummary(w, "crossMarginSummary", value, margin, notional, cash);
        WriteSummary(w, "marginSummary", value, margin, notional, cash);
        w.WriteNumber("time", venue.NowMs);
        w.WriteString("withdrawable", Fixed8.ToString(Math.Max(0, value - margin)));
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, string name, long value, long margin, long notional, long rawUsd)
    {
        w.WriteStartObject(name);
        w.WriteString("accountValue", Fixed8.ToString(value));
        w.WriteString("totalMarginUsed", Fixed8.ToString(margin));
        w.WriteString("totalNtlPos", Fixed8.ToString(notional));
        w.WriteString("totalRawUsd", Fixed8.ToString(rawUsd));
        w.WriteEndObject();
    }

    private static JsonElement Required(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) ? value : throw new FormatException($"missing field '{name}'");

    private static string Str(JsonElement request, string name) =>
        Required(request, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new FormatException($"'{name}' is not a string");
}
