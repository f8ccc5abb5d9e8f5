namespace HlScalper.Replay.Data.Collector;

/// <summary>Which table of the WebSocket collector's output a file is (data README, sections 4 and 5); None for every other format.</summary>
public enum CollectorTable : byte
{
    None,

    /// <summary><c>orderbooks_*</c>: one 20-level l2Book snapshot per row, <c>bid_price_0,bid_size_0,ask_price_0,ask_size_0,…</c>.</summary>
    Books,

    /// <summary><c>trades_*</c>: <c>timestamp,price,size,side(buy|sell),trade_id,exchange_timestamp</c>.</summary>
    Trades,

    /// <summary><c>prices_*</c> (the bbo channel): <c>timestamp,price,size,side(bid|ask),exchange_timestamp</c>, two rows per update.</summary>
    Bbo,
}
