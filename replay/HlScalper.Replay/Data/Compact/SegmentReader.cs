using System.Buffers;
using HlScalper.Engine.Events;

namespace HlScalper.Replay.Data.Compact;

/// <summary>Streams one segment block by block (one 64 KB buffer, whatever the file's length), each block checked before its events are decoded.</summary>
internal sealed class SegmentReader : IDisposable
{
    private readonly Stream _stream;
    private readonly TapeSegment _segment;
    private readonly int[] _coinMap;
    private readonly long _orderBase;
    // Rented: every back-test of a sweep opens a reader, and a fresh 67 KB block each time was two thirds of what a
    // back-test allocated (a collection every few back-tests, stopping every worker of the sweep).
    private byte[] _block = [];
    private int _position, _length, _left;
    private long _time, _order, _read;

    /// <summary>The current event (coin already renumbered for the tape).</summary>
    public MarketEvent Current;

    /// <summary>The current event's tie order among every file of the tape.</summary>
    public long Order;

    /// <param name="coinMap">The tape's index of each of the file's coins; -1 skips that coin's events.</param>
    public SegmentReader(TapeSegment segment, int[] coinMap, long orderBase)
    {
        _segment = segment;
        _coinMap = coinMap;
        _orderBase = orderBase;
        _stream = segment.OpenStream();
        try
        {
            TapeFile.ReadHead(_stream);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
        _block = ArrayPool<byte>.Shared.Rent(TapeFile.MaxBlockBytes);
    }

    /// <summary>Moves to the next event of a kept coin; false at the end.</summary>
    /// <exception cref="TickDataException">The file changed or was damaged since it was checked.</exception>
    public bool MoveNext()
    {
        while (true)
        {
            if (_left == 0)
            {
                var (length, events) = TapeFile.ReadBlock(_stream, _block, _read, _segment.Header.EventCount, checksum: _segment.CacheFile is not null);
                if (length == 0) return false;
                (_position, _length, _left, _read) = (0, length, events, _read + events);
                _time = _order = 0;
            }
            _left--;
            var payload = _block.AsSpan(0, _length);
            _time += Varint.ReadSigned(payload, ref _position);
            _order += Varint.ReadSigned(payload, ref _position);
            var next = payload[_position..];
            var local = TapeCodec.Coin(next);
            var coin = local < _coinMap.Length ? _coinMap[local] : -1;
            // A coin the tape leaves out (a one-coin back-test of a file of several) is stepped over, not decoded.
            _position += coin < 0 ? TapeCodec.Skip(next) : TapeCodec.Decode(next, ref Current, _time);
            if (_left == 0 && _position != _length) throw TapeCodec.Damaged();
            if (coin < 0) continue;
            Current.Coin = (ushort)coin;
            Order = _orderBase + _order;
            return true;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_block.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_block);
        _block = [];
    }
}
