using System.Text;
using HlScalper.Engine.Events;

namespace HlScalper.Testing;

/// <summary>A readable form of every meaningful field of an event, so two events compare (and diff) as text.</summary>
public static class EventText
{
    public static string Of(in MarketEvent e)
    {
        var s = new StringBuilder();
        s.Append($"{e.Kind} coin={e.Coin} t={e.ExchangeTimeMs} rx={e.ReceiveTimestamp} side={e.Side} px={e.Px.Raw} sz={e.Sz.Raw} orig={e.OrigSz.Raw} ");
        s.Append($"start={e.StartPosition.Raw} oid={e.Oid} tid={e.Tid} fee={e.Fee} pnl={e.ClosedPnl} value={e.Value} cloid={e.Cloid} ");
        s.Append($"status={e.Status} control={e.Control} flags={e.Flags} bids={e.BidCount} asks={e.AskCount}");
        for (var i = 0; i < e.BidCount; i++) s.Append($" b{i}={e.Bids[i].Px.Raw}/{e.Bids[i].Sz.Raw}/{e.Bids[i].Count}");
        for (var i = 0; i < e.AskCount; i++) s.Append($" a{i}={e.Asks[i].Px.Raw}/{e.Asks[i].Sz.Raw}/{e.Asks[i].Count}");
        return s.ToString();
    }
}
