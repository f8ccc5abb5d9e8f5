using System.Buffers;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.LocalExchange.Venue;

/// <summary>The <c>GET /sim/state</c> document: time, counters, and per account its value, positions, open orders, fill count and dead-man deadline.</summary>
public static class StateReport
{
    public static string Write(LocalVenue venue) => venue.Locked(() =>
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            var market = venue.Market;
            w.WriteStartObject();
            w.WriteNumber("timeMs", venue.NowMs);
            w.WriteNumber("marketTimeMs", venue.MarketTimeMs);
            venue.Counters.Write(w, venue.Connections);
            w.WriteStartArray("accounts");
            foreach (var account in venue.Accounts)
            {
                var (unrealized, _, _) = account.Exposure(market.Mark, market.CoinCount);
                w.WriteStartObject();
                w.WriteString("user", account.Name);
                w.WriteString("accountValue", Fixed8.ToString(account.CashRaw + unrealized));
                w.WriteString("realizedPnl", Fixed8.ToString(account.RealizedRaw));
                w.WriteString("fees", Fixed8.ToString(account.FeesRaw));
                w.WriteStartArray("position");
                for (ushort coin = 0; coin < market.CoinCount; coin++)
                {
                    var position = account.Matching.PositionOf(coin);
                    if (position.IsFlat) continue;
                    w.WriteStartObject();
                    w.WriteString("coin", market.Coins.NameOf(coin));
                    w.WriteString("szi", Fixed8.ToString(position.SizeRaw));
                    w.WriteString("entryPx", Fixed8.ToString(position.EntryPxRaw));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("openOrders");
                foreach (var order in account.OpenOrders)
                {
                    w.WriteStartObject();
                    w.WriteString("coin", market.Coins.NameOf(order.Coin));
                    w.WriteNumber("oid", order.Oid);
                    if (order.Cloid.IsEmpty) w.WriteNull("cloid");
                    else w.WriteString("cloid", order.Cloid.ToString());
                    w.WriteString("side", order.Side == Side.Buy ? "B" : "A");
                    w.WriteString("limitPx", Fixed8.ToString(order.LimitPxRaw));
                    w.WriteString("sz", Fixed8.ToString(order.RemainingRaw));
                    w.WriteBoolean("reduceOnly", order.ReduceOnly);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("fills", account.FillCount);
                // The dead-man deadline set with scheduleCancel (null when none is set): tests see whether a client still refreshes it.
                if (account.ScheduledCancelMs is { } due) w.WriteNumber("scheduledCancelMs", due);
                else w.WriteNull("scheduledCancelMs");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    });
}
