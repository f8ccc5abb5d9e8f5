namespace HlScalper.Live.Log;

/// <summary>A map that remembers only its newest <c>capacity</c> keys: adding one more forgets the oldest, so a run of any length holds bounded memory.</summary>
/// <remarks>The log uses it to answer "seen this order / this fill before?" for answers that arrive twice within milliseconds.</remarks>
public sealed class RecentMap<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _values = new(capacity);
    private readonly TKey[] _order = new TKey[capacity];
    private int _oldest;

    public int Count => _values.Count;

    public int Capacity => _order.Length;

    public bool TryGetValue(TKey key, out TValue value) => _values.TryGetValue(key, out value!);

    /// <summary>Sets the value of <paramref name="key"/>; a new key forgets the oldest one when the map is full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_values.ContainsKey(key))
        {
            _values[key] = value;
            return;
        }
        if (_values.Count == _order.Length)
        {
            _values.Remove(_order[_oldest]);
            _order[_oldest] = key;
            _oldest = (_oldest + 1) % _order.Length;
        }
        else _order[_values.Count] = key;
        _values[key] = value;
    }
}
