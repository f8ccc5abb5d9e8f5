using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec;

/// <summary>The statuses of one post answer, staged in place like <see cref="EventBatch"/> stages events: no allocation once it has held the largest batch.</summary>
internal sealed class StatusBatch
{
    /// <summary>Room kept between messages: above the order sender's largest batch (its working-order cap), so real answers never reallocate.</summary>
    public const int MaxRetainedCapacity = 256;

    private ActionStatus[] _items = new ActionStatus[64];

    public int Count { get; private set; }

    /// <summary>A cleared slot for the next status.</summary>
    public ref ActionStatus Add()
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        ref var s = ref _items[Count++];
        s = default;
        return ref s;
    }

    public ref ActionStatus this[int index] => ref _items[index];

    public ReadOnlySpan<ActionStatus> AsSpan() => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Gives back what a hostile answer with thousands of statuses grew.</summary>
    public void ShrinkIfGrown()
    {
        if (_items.Length > MaxRetainedCapacity) _items = new ActionStatus[MaxRetainedCapacity];
    }
}
