namespace HlScalper.Gateway.WebSockets;

/// <summary>A bounded multi-producer, single-consumer queue of unmasked messages waiting for the connection's writer (Vyukov's bounded queue).</summary>
/// <remarks>
/// <para>Any thread may <see cref="TryEnqueue"/>; only the thread that holds the connection's write claim may <see cref="TryPeek"/> and <see cref="Advance"/>, so
/// the mask key and the send buffer stay single-threaded. Neither side ever waits: a full queue is refused, an empty one returns false.</para>
/// <para>Each cell has its own sequence: a producer owns a cell once its compare-and-swap moves the tail past it, fills it, then releases
/// it with a volatile write of the sequence (the fill is visible before the consumer sees the cell ready). Cell buffers are reused and grow
/// only for a message larger than any before it, so a steady stream of subscriptions, pings and posts allocates nothing.</para>
/// </remarks>
internal sealed class FrameOutbox
{
    private readonly Cell[] _cells;
    private readonly int _mask;
    private long _tail;
    private long _head;

    /// <param name="capacity">A power of two.</param>
    public FrameOutbox(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "must be a power of two of at least 2");
        _cells = new Cell[capacity];
        for (var i = 0; i < capacity; i++) _cells[i] = new Cell { Sequence = i };
        _mask = capacity - 1;
    }

    public int Capacity => _cells.Length;

    /// <summary>True when no message waits (a hint: a producer may be filling a cell right now).</summary>
    public bool IsEmpty => Volatile.Read(ref _head) == Volatile.Read(ref _tail);

    /// <summary>Copies one message in (<paramref name="raw"/>: an already framed and masked frame); false when the queue is full.</summary>
    public bool TryEnqueue(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool raw)
    {
        while (true)
        {
            var tail = Volatile.Read(ref _tail);
            var cell = _cells[tail & _mask];
            var gap = Volatile.Read(ref cell.Sequence) - tail;
            if (gap < 0) return false;
            if (gap > 0 || Interlocked.CompareExchange(ref _tail, tail + 1, tail) != tail) continue;
            if (cell.Payload.Length < payload.Length) cell.Payload = new byte[Math.Max(payload.Length, 256)];
            payload.CopyTo(cell.Payload);
            cell.Length = payload.Length;
            cell.Opcode = opcode;
            cell.Raw = raw;
            Volatile.Write(ref cell.Sequence, tail + 1);
            return true;
        }
    }

    /// <summary>The oldest message, valid until <see cref="Advance"/>; false when none is ready. Write-claim holder only.</summary>
    public bool TryPeek(out WebSocketOpcode opcode, out bool raw, out ReadOnlySpan<byte> payload)
    {
        var cell = _cells[_head & _mask];
        if (Volatile.Read(ref cell.Sequence) != _head + 1)
        {
            opcode = default;
            raw = false;
            payload = default;
            return false;
        }
        opcode = cell.Opcode;
        raw = cell.Raw;
        payload = cell.Payload.AsSpan(0, cell.Length);
        return true;
    }

    /// <summary>Drops the message <see cref="TryPeek"/> returned and hands its cell back to the producers. Write-claim holder only.</summary>
    public void Advance()
    {
        var head = _head;
        Volatile.Write(ref _head, head + 1);
        Volatile.Write(ref _cells[head & _mask].Sequence, head + _cells.Length);
    }

    private sealed class Cell
    {
        public long Sequence;
        public byte[] Payload = [];
        public int Length;
        public WebSocketOpcode Opcode;
        public bool Raw;
    }
}
