using System.Text;
using System.Text.Json;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary>Reads an action's JSON (vector files, the <c>sign verify</c> verb, test servers) into the typed actions; anything unknown or malformed is a <see cref="FormatException"/> naming the field.</summary>
/// <remarks>Off the hot path: it exists so that what is signed always goes through the typed actions, never a generic JSON→msgpack copy.</remarks>
public static class ActionJsonParser
{
    public static ExchangeAction Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    public static ExchangeAction Parse(JsonElement action)
    {
        var type = Str(action, "type");
        return type switch
        {
            "order" => ParseOrder(action),
            "cancel" => new CancelAction([.. Array(action, "cancels").Select(c => new CancelWire(Int(c, "a"), Long(c, "o")))], Flag(action, "f")),
            "cancelByCloid" => new CancelByCloidAction([.. Array(action, "cancels").Select(c => new CloidCancelWire(Int(c, "asset"), CloidOf(c, "cloid")))], Flag(action, "f")),
            "modify" => new ModifyAction(Target(Required(action, "oid")), Order(Required(action, "order")), Flag(action, "a")),
            "batchModify" => new BatchModifyAction([.. Array(action, "modifies").Select(m => new ModifyWire(Target(Required(m, "oid")), Order(Required(m, "order"))))], Flag(action, "a")),
            "scheduleCancel" => new ScheduleCancelAction(action.TryGetProperty("time", out var time) ? time.GetInt64() : null),
            "updateLeverage" => new UpdateLeverageAction(Int(action, "asset"), Bool(action, "isCross"), Int(action, "leverage")),
            "noop" => new NoopAction(),
            "createSubAccount" => new CreateSubAccountAction(Str(action, "name")),
            "subAccountTransfer" => new SubAccountTransferAction(AddressOf(action, "subAccountUser"), Bool(action, "isDeposit"), Long(action, "usd")),
            "dummy" => new DummyAction(Long(action, "num")),
            _ => throw new FormatException($"unknown action type '{type}'"),
        };
    }

    private static OrderAction ParseOrder(JsonElement action)
    {
        var grouping = Str(action, "grouping") switch
        {
            "na" => Grouping.Na,
            "normalTpsl" => Grouping.NormalTpsl,
            "positionTpsl" => Grouping.PositionTpsl,
            var other => throw new FormatException($"unknown grouping '{other}'"),
        };
        var result = new OrderAction([.. Array(action, "orders").Select(Order)], grouping);
        if (action.TryGetProperty("builder", out var builder)) result.Builder = (AddressOf(builder, "b"), Int(builder, "f"));
        return result;
    }

    private static OrderWire Order(JsonElement order)
    {
        var t = Required(order, "t");
        Cloid? cloid = order.TryGetProperty("c", out _) ? CloidOf(order, "c") : null;
        if (t.TryGetProperty("limit", out var limit))
        {
            var tif = Str(limit, "tif") switch
            {
                "Alo" => Tif.Alo,
                "Ioc" => Tif.Ioc,
                "Gtc" => Tif.Gtc,
                var other => throw new FormatException($"unknown tif '{other}'"),
            };
            return OrderWire.Limit(Int(order, "a"), Bool(order, "b"), DecimalOf(order, "p"), DecimalOf(order, "s"), tif, Bool(order, "r"), cloid);
        }
        var trigger = Required(t, "trigger");
        var tpsl = Str(trigger, "tpsl") switch
        {
            "tp" => TpSl.Tp,
            "sl" => TpSl.Sl,
            var other => throw new FormatException($"unknown tpsl '{other}'"),
        };
        return OrderWire.Trigger(Int(order, "a"), Bool(order, "b"), DecimalOf(order, "p"), DecimalOf(order, "s"), DecimalOf(trigger, "triggerPx"), tpsl, Bool(trigger, "isMarket"), Bool(order, "r"), cloid);
    }

    private static ModifyTarget Target(JsonElement oid) => oid.ValueKind == JsonValueKind.String
        ? ModifyTarget.ByCloid(Cloid.TryParse(Encoding.UTF8.GetBytes(oid.GetString()!), out var c) ? c : throw new FormatException("oid is neither an integer nor a cloid"))
        : ModifyTarget.ByOid(oid.GetInt64());

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : throw new FormatException($"missing field '{name}'");

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name)
    {
        var value = Required(parent, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"'{name}' is not an array");
    }

    private static string Str(JsonElement parent, string name)
    {
        var value = Required(parent, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"'{name}' is not a string");
    }

    private static long Long(JsonElement parent, string name)
    {
        var value = Required(parent, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw new FormatException($"'{name}' is not an integer");
    }

    private static int Int(JsonElement parent, string name)
    {
        var n = Long(parent, name);
        return n is >= int.MinValue and <= int.MaxValue ? (int)n : throw new FormatException($"'{name}' is out of range");
    }

    private static bool Bool(JsonElement parent, string name) => Required(parent, name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"'{name}' is not a boolean"),
    };

    /// <summary>An optional flag that, when present, must be true (the exchange rejects it sent as false).</summary>
    private static bool Flag(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out _) && (Bool(parent, name) ? true : throw new FormatException($"'{name}' must be omitted rather than false"));

    private static WireDecimal DecimalOf(JsonElement parent, string name) =>
        WireDecimal.TryParse(Encoding.UTF8.GetBytes(Str(parent, name)), out var d) ? d : throw new FormatException($"'{name}' is not a plain decimal with at most 8 decimals");

    private static Cloid CloidOf(JsonElement parent, string name) =>
        Cloid.TryParse(Encoding.UTF8.GetBytes(Str(parent, name)), out var c) ? c : throw new FormatException($"'{name}' is not a cloid (0x + 32 hex digits)");

    private static EthAddress AddressOf(JsonElement parent, string name) =>
        EthAddress.TryParse(Str(parent, name), out var a) ? a : throw new FormatException($"'{name}' is not an address (0x + 40 hex digits)");
}
