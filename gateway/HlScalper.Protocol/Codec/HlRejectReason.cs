namespace HlScalper.Protocol.Codec;

/// <summary>Why <see cref="HlCodec"/> refused a message that was valid JSON of the right shape: a value no exchange message can carry.</summary>
public enum HlRejectReason : byte
{
    None = 0,
    /// <summary>An event time outside 2020–2100, or further than <see cref="HlCodec.ClockWindow"/> from the receive time.</summary>
    TimeOutOfRange,
    /// <summary>A price ≤ 0 (book level, trade, fill, order).</summary>
    PriceNotPositive,
    /// <summary>A size ≤ 0 where one must be positive (book level, trade, fill), or below 0 where 0 is allowed (an order's remaining size).</summary>
    SizeNotPositive,
    /// <summary>Bid levels not strictly descending in price.</summary>
    BidsNotDescending,
    /// <summary>Ask levels not strictly ascending in price.</summary>
    AsksNotAscending,
    /// <summary>A negative trade id or order id, or a negative order placement time.</summary>
    NegativeId,
}
