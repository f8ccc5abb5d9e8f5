using System.Globalization;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Log;

/// <summary>
/// The live run's log lines in logfmt: <c>ts=ISO-8601-UTC evt=NAME key=value ...</c>, values quoted only when they hold a space,
/// quote or '='. Prices and sizes are the wire's decimal strings; times are UTC; <c>xt</c> is the exchange time in Unix ms.
/// </summary>
public static class LogFmt
{
    /// <summary>One line: <c>ts=… evt=<paramref name="evt"/></c> then the fields in order.</summary>
    public static string Line(DateTimeOffset ts, string evt, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var line = new StringBuilder(160);
        line.Append("ts=").Append(ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(" evt=").Append(evt);
        AppendFields(line, fields);
        return line.ToString();
    }

    /// <summary>Just the fields, <c>key=value</c> separated by spaces (null values left out), for lines that are not events.</summary>
    public static string Fields(params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var line = new StringBuilder(80);
        AppendFields(line, fields);
        return line.Length == 0 ? "" : line.ToString(1, line.Length - 1);
    }

    private static void AppendFields(StringBuilder line, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        foreach (var (key, value) in fields)
        {
            if (value is null) continue;
            line.Append(' ').Append(key).Append('=');
            AppendValue(line, value);
        }
    }

    /// <summary>An intent as sent: <c>order</c> (a place), <c>cancel_req</c> (one order), <c>cancel_all</c>.</summary>
    public static string Intent(in SubmittedIntent sent, string coin, bool dryRun)
    {
        ref readonly var i = ref sent.Intent;
        var ts = DateTimeOffset.FromUnixTimeMilliseconds(sent.SentUtcMs);
        var dry = dryRun ? (object)1 : null;
        return i.Kind switch
        {
            IntentKind.Place => Line(ts, "order", ("coin", coin), ("side", SideCode(i.Side)), ("px", i.Px.ToString()), ("sz", i.Sz.ToString()),
                ("tif", i.Tif.ToString().ToLowerInvariant()), ("ro", i.ReduceOnly ? 1 : 0), ("reason", i.Reason), ("cloid", i.Cloid), ("dry_run", dry)),
            IntentKind.CancelAll => Line(ts, "cancel_all", ("coin", coin), ("reason", i.Reason), ("dry_run", dry)),
            _ => Line(ts, "cancel_req", ("coin", coin), ("cloid", i.Cloid.IsEmpty ? null : i.Cloid), ("oid", i.Oid == 0 ? null : i.Oid), ("reason", i.Reason), ("dry_run", dry)),
        };
    }

    /// <summary>An order update as <c>ack</c>, <c>cancel</c> or <c>reject</c>.</summary>
    public static string Update(DateTimeOffset ts, string evt, ref readonly MarketEvent e, string coin) =>
        Line(ts, evt, ("coin", coin), ("cloid", e.Cloid.IsEmpty ? null : e.Cloid), ("oid", e.Oid == 0 ? null : e.Oid), ("status", e.Status), ("xt", e.ExchangeTimeMs));

    /// <summary>One of our fills: side, price, size, fee and closed PnL in USDC.</summary>
    public static string Fill(DateTimeOffset ts, ref readonly MarketEvent e, string coin) =>
        Line(ts, "fill", ("coin", coin), ("side", SideCode(e.Side)), ("px", e.Px.ToString()), ("sz", e.Sz.ToString()), ("fee", Fixed8.ToString(e.Fee)),
            ("closed_pnl", Fixed8.ToString(e.ClosedPnl)), ("crossed", (e.Flags & EventFlags.Crossed) != 0 ? 1 : 0), ("oid", e.Oid),
            ("cloid", e.Cloid.IsEmpty ? null : e.Cloid), ("tid", e.Tid), ("xt", e.ExchangeTimeMs));

    /// <summary>B for buy, A for sell, as the exchange writes sides.</summary>
    public static string SideCode(Side side) => side == Side.Buy ? "B" : "A";

    private static void AppendValue(StringBuilder line, object value)
    {
        var text = value switch
        {
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length > 0 && !text.Any(c => c is ' ' or '"' or '=' or '\t' or '\n'))
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
    }
}
