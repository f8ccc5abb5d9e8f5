namespace HlScalper.Protocol.Actions;

/// <summary>An L1 action of <c>/exchange</c> (§10.2): its one layout, key order and omission rules, rendered by any <see cref="IActionWriter"/>.</summary>
/// <remarks>Instances are mutable and reusable so the order path can refill one instead of allocating per order.</remarks>
public abstract class ExchangeAction
{
    /// <summary>The wire <c>type</c> string.</summary>
    public abstract string Type { get; }

    /// <summary>Number of orders or cancels in the action (the IP weight's batch length); 1 for unbatched actions.</summary>
    public virtual int BatchLength => 1;

    public abstract void Write<TWriter>(ref TWriter writer) where TWriter : IActionWriter, allows ref struct;
}
