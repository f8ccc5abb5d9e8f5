namespace HlScalper.Protocol.Actions;

/// <summary>The shape of a successful <c>/exchange</c> response.</summary>
public enum ExchangeResponseType : byte
{
    /// <summary><c>{"type":"default"}</c>: modify, scheduleCancel, updateLeverage, noop.</summary>
    Default,
    /// <summary>One status per order (order, batchModify).</summary>
    Order,
    /// <summary>One status per cancel (cancel, cancelByCloid).</summary>
    Cancel,
}
