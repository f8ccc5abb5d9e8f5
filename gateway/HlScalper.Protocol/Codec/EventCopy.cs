using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>Copies the meaningful part of a staged event into a ring slot: the fixed fields and only the used book levels.</summary>
internal static class EventCopy
{
    /// <summary>Bytes before the inline levels (every field except <see cref="MarketEvent.Bids"/>/<see cref="MarketEvent.Asks"/>).</summary>
    private static readonly uint HeaderBytes = OffsetOfBids();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void To(ref readonly MarketEvent source, ref MarketEvent destination, long receiveTimestamp)
    {
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref destination), ref Unsafe.As<MarketEvent, byte>(ref Unsafe.AsRef(in source)), HeaderBytes);
        for (var i = 0; i < source.BidCount; i++) destination.Bids[i] = source.Bids[i];
        for (var i = 0; i < source.AskCount; i++) destination.Asks[i] = source.Asks[i];
        destination.ReceiveTimestamp = receiveTimestamp;
    }

    private static uint OffsetOfBids()
    {
        var probe = default(MarketEvent);
        return (uint)Unsafe.ByteOffset(ref Unsafe.As<MarketEvent, byte>(ref probe), ref Unsafe.As<BookLevels, byte>(ref probe.Bids));
    }
}
