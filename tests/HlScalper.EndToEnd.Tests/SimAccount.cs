using System.Globalization;
using System.Text.Json;

namespace HlScalper.EndToEnd.Tests;

/// <summary>One account of the sim's <c>/sim/state</c>, read for assertions.</summary>
public sealed record SimAccount(decimal Position, decimal EntryPx, int OpenOrders, int OpenEntries, int Fills, decimal AccountValue, string OrderIds)
{
    /// <summary>Absolute position value at its entry price, USDC.</summary>
    public decimal Notional => Math.Abs(Position) * EntryPx;

    public static SimAccount Of(JsonElement state, string user)
    {
        foreach (var account in state.GetProperty("accounts").EnumerateArray())
        {
            if (!string.Equals(account.GetProperty("user").GetString(), user, StringComparison.OrdinalIgnoreCase)) continue;
            var btc = account.GetProperty("position").EnumerateArray().Where(p => p.GetProperty("coin").GetString() == "BTC").ToList();
            var orders = account.GetProperty("openOrders").EnumerateArray().ToList();
            return new SimAccount(btc.Sum(p => Number(p.GetProperty("szi"))), btc.Sum(p => Number(p.GetProperty("entryPx"))), orders.Count, orders.Count(o => !o.GetProperty("reduceOnly").GetBoolean()),
                account.GetProperty("fills").GetInt32(), Number(account.GetProperty("accountValue")),
                string.Join(',', orders.Select(o => o.GetProperty("oid").GetInt64()).Order()));
        }
        return new SimAccount(0, 0, 0, 0, 0, 0, "");
    }

    /// <summary>Reject reasons the sim counted, by error text.</summary>
    public static Dictionary<string, int> RejectReasons(JsonElement state) =>
        state.GetProperty("counters").GetProperty("rejectsByReason").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    public static long Counter(JsonElement state, string name) => state.GetProperty("counters").GetProperty(name).GetInt64();

    private static decimal Number(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
