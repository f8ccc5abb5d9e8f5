using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>A fixed single-producer single-consumer queue of submitted intents: the engine thread hands them to a side thread (log, dry-run acks) without allocating or blocking.</summary>
/// <remarks>When full, the newest intent is dropped and counted rather than stall the engine.</remarks>
public sealed class IntentQueue(int capacity = 1024)
{
    private readonly SubmittedIntent[] _items = new SubmittedIntent[capacity];
    private long _head;
    private long _tail;

    /// <summary>Intents dropped because the consumer fell behind.</summary>
    public long Dropped { get; private set; }

    /// <summary>Producer side.</summary>
    public void Enqueue(in OrderIntent intent, long sentUtcMs, long sentTimestamp = 0)
    {
        var head = _head;
        if (head - Volatile.Read(ref _tail) >= _items.Length)
        {
            Dropped++;
            return;
        }
        ref var slot = ref _items[head % _items.Length];
        slot.Intent = intent;
        slot.SentUtcMs = sentUtcMs;
        slot.SentTimestamp = sentTimestamp;
        // Release: the slot is written before the consumer can see it.
        Volatile.Write(ref _head, head + 1);
    }

    /// <summary>Consumer side.</summary>
    public bool TryDequeue(out SubmittedIntent item)
    {
        var tail = _tail;
        if (tail >= Volatile.Read(ref _head))
        {
            item = default;
            return false;
        }
        item = _items[tail % _items.Length];
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }
}
