namespace HlScalper.Engine.Orders;

/// <summary>Told which orders the engine is likely to send next, so they can be signed before they are needed (the pre-signed sender).</summary>
/// <remarks>Slots are roles the strategy names (<see cref="AnticipatedSlot"/>); engine thread only.</remarks>
public interface IOrderAnticipator
{
    /// <summary>The order the engine would send in role <paramref name="slot"/> if it decided now.</summary>
    void Expect(int slot, in OrderIntent intent);

    /// <summary>Role <paramref name="slot"/> has no likely order now.</summary>
    void Forget(int slot);
}

/// <summary>The roles the slot-runner anticipates.</summary>
public static class AnticipatedSlot
{
    public const int EntryBuy = 0;
    public const int EntrySell = 1;
    public const int CancelEntry = 2;
    public const int TakeProfit = 3;
    public const int CancelTakeProfit = 4;
}
