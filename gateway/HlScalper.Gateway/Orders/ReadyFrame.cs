using HlScalper.Engine.Orders;

namespace HlScalper.Gateway.Orders;

/// <summary>One pre-signed frame and the prediction it serves; handed between the engine thread and the signer thread by <see cref="State"/>.</summary>
/// <remarks>
/// States: Empty → Filling (signer) → Ready → Sending (hot path, by CAS) → Spent → Filling … The signer
/// writes the frame and <see cref="Signed"/> only while it holds Filling, the hot path reads them only
/// while it holds Sending, so neither sees the other's half-written data.
/// </remarks>
internal sealed class ReadyFrame
{
    public const int Empty = 0, Filling = 1, Ready = 2, Sending = 3, Spent = 4;

    public readonly byte[] Frame = new byte[OrderFrameBuilder.MaxFrameLength];
    public int Length;
    public long PostId;
    public long SignedAtMs;
    public OrderIntent Signed;
    public int State;

    // The prediction, written by the engine thread under a sequence lock (odd while writing) and read by the signer thread.
    public OrderIntent Wanted;
    public bool HasWanted;
    public int WantedVersion;
}
