using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace HlScalper.Protocol.Signing;

/// <summary>
/// The message-independent half of ECDSA, computed ahead for one key: for a random nonce k, r = (k·G).x, the recovery id
/// (the y parity of k·G), a = k⁻¹ mod n and b = a·r·d mod n; the signature of a digest z is then s = a·z + b mod n.
/// </summary>
/// <remarks>
/// <para>k comes from the OS CSPRNG by rejection sampling into [1, n − 1], so it is uniform; an R whose x is not below n
/// (probability ≈ 2⁻¹²⁸) is drawn again, since a recovery id of 0 or 1 cannot express it. k⁻¹ is k^(n−2) by square and
/// multiply with libsecp256k1's scalar product (a fixed exponent, so its time does not depend on k). k itself is never
/// kept: an entry holds r, a, b and the recovery id.</para>
/// <para>Entries and the key copy live in one <see cref="SecretMemory"/> block (never moved by the GC, out of core dumps,
/// locked when the limit allows). Each entry is taken exactly once, zeroed on the spot, and only then handed back to the
/// producer; nothing about an entry is ever logged or written anywhere.</para>
/// <para>Threads: one consumer (the signing thread) and one producer at a time (the refill thread, or a caller of
/// <see cref="Fill"/>, serialised by a lock the consumer never takes), over a single-producer single-consumer ring.</para>
/// </remarks>
public sealed unsafe class NoncePool : IDisposable
{
    /// <summary>
    /// 2,048 entries (256 KB): the exchange takes at most 2,000 WebSocket messages a minute per IP (and 1,200 REST weight a
    /// minute), so a full pool covers a whole minute of sending at the limit even if the refill thread never ran.
    /// </summary>
    public const int DefaultCapacity = 2048;

    /// <summary>How often the refill thread looks for spent entries (it refills all of them each time).</summary>
    public static readonly TimeSpan RefillPeriod = TimeSpan.FromMilliseconds(5);

    internal const int EntrySize = 128;
    internal const int ROffset = 0, AOffset = 32, BOffset = 64, RecoveryIdOffset = 96;

    // The block's first 256 bytes: the key, and scratch for the nonce and its point while an entry is made.
    private const int KeyOffset = 0, NonceOffset = 32, PointOffset = 64, HeaderSize = 256;

    private readonly LibSecp256k1 _library;
    private readonly SecretMemory _memory;
    private readonly int _mask;
    private readonly Lock _produce = new();
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly Thread? _thread;
    private Cursors _cursors;
    private long _rejected;

    /// <param name="privateKey32">Copied into the pool's own memory; the caller may clear its copy.</param>
    /// <param name="capacity">A power of two.</param>
    /// <param name="background">Start a refill thread (the live setting); without it the pool fills only through <see cref="Fill"/>.</param>
    public NoncePool(ReadOnlySpan<byte> privateKey32, int capacity = DefaultCapacity, bool background = true)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be a power of two");
        _library = LibSecp256k1.Instance ?? throw new InvalidOperationException("the nonce pool needs libsecp256k1 (Debian: apt-get install libsecp256k1-1)");
        if (!_library.IsValidPrivateKey(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        Capacity = capacity;
        _mask = capacity - 1;
        _memory = new SecretMemory(HeaderSize + capacity * EntrySize);
        privateKey32.CopyTo(new Span<byte>(_memory.Pointer + KeyOffset, 32));
        if (!background) return;
        _thread = new Thread(RefillLoop) { IsBackground = true, Name = "nonce-pool", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public int Capacity { get; }

    /// <summary>Entries ready to sign with.</summary>
    public int Count => (int)(Volatile.Read(ref _cursors.Produced) - Volatile.Read(ref _cursors.Consumed));

    /// <summary>Entries made since the start.</summary>
    public long Produced => Volatile.Read(ref _cursors.Produced);

    /// <summary>Entries taken (each exactly once) since the start.</summary>
    public long Taken => Volatile.Read(ref _cursors.Consumed);

    /// <summary>Nonces drawn again: k outside [1, n − 1] or k·G with x ≥ n (both ≈ 2⁻¹²⁸ a draw; a count above 0 means a broken RNG).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Whether the pool's memory is locked out of swap (see <see cref="SecretMemory"/>).</summary>
    public bool IsLocked => _memory.IsLocked;

    /// <summary>Tops the pool up to <see cref="Capacity"/> on the calling thread; returns the entries made.</summary>
    public int Fill()
    {
        var made = 0;
        lock (_produce)
        {
            var produced = _cursors.Produced;
            // Acquire: the consumer zeroed the slot before it published its cursor, so a free slot is already clean.
            while (produced - Volatile.Read(ref _cursors.Consumed) < Capacity && !_stop.IsSet)
            {
                Make(Slot(produced));
                // Release: the entry's bytes are visible to the consumer before the cursor that offers them.
                Volatile.Write(ref _cursors.Produced, ++produced);
                made++;
            }
        }
        return made;
    }

    /// <summary>The oldest ready entry, or null when the pool is empty or disposed (a signature after disposal falls back). Consumer thread only.</summary>
    internal byte* TryPeek() => _stop.IsSet || _cursors.Consumed == Volatile.Read(ref _cursors.Produced) ? null : Slot(_cursors.Consumed);

    /// <summary>Zeroes the entry <see cref="TryPeek"/> returned and gives its slot back to the producer. Consumer thread only.</summary>
    internal void Consume()
    {
        var consumed = _cursors.Consumed;
        new Span<byte>(Slot(consumed), EntrySize).Clear();
        Volatile.Write(ref _cursors.Consumed, consumed + 1);
    }

    /// <summary>Test hook: whether the slot of the <paramref name="sequence"/>-th entry holds only zeros right now.</summary>
    internal bool IsSlotZero(long sequence) => !new ReadOnlySpan<byte>(Slot(sequence), EntrySize).ContainsAnyExcept((byte)0);

    private byte* Slot(long sequence) => _memory.Pointer + HeaderSize + (sequence & _mask) * EntrySize;

    /// <summary>Fills one entry from a fresh nonce.</summary>
    private void Make(byte* entry)
    {
        var key = _memory.Pointer + KeyOffset;
        var k = _memory.Pointer + NonceOffset;
        var point = _memory.Pointer + PointOffset;
        var r = entry + ROffset;
        var a = entry + AOffset;
        var b = entry + BOffset;
        while (true)
        {
            RandomNumberGenerator.Fill(new Span<byte>(k, 32));
            if (!_library.IsValidScalar(k) || !_library.PublicPoint(k, point))
            {
                Interlocked.Increment(ref _rejected);
                continue;
            }
            // point = 0x04 ‖ x ‖ y.
            new ReadOnlySpan<byte>(point + 1, 32).CopyTo(new Span<byte>(r, 32));
            if (!_library.IsValidScalar(r))
            {
                Interlocked.Increment(ref _rejected);
                continue;
            }
            entry[RecoveryIdOffset] = (byte)(point[64] & 1);
            Invert(k, a);
            new ReadOnlySpan<byte>(a, 32).CopyTo(new Span<byte>(b, 32));
            // k, r and d are all in [1, n − 1] and n is prime, so neither product can be zero and neither call can fail.
            _library.MultiplyScalar(b, r);
            _library.MultiplyScalar(b, key);
            new Span<byte>(k, 32).Clear();
            new Span<byte>(point, 65).Clear();
            return;
        }
    }

    /// <summary>inverse ← k^(n−2) mod n, most significant bit first.</summary>
    private void Invert(byte* k, byte* inverse)
    {
        var exponent = CurveOrder.MinusTwo;
        new ReadOnlySpan<byte>(k, 32).CopyTo(new Span<byte>(inverse, 32));
        // The top bit of n − 2 is 1: start from k and walk the remaining 255 bits.
        for (var bit = 254; bit >= 0; bit--)
        {
            _library.MultiplyScalar(inverse, inverse);
            if ((exponent[31 - bit / 8] >> (bit % 8) & 1) != 0) _library.MultiplyScalar(inverse, k);
        }
    }

    private void RefillLoop()
    {
        while (!_stop.IsSet)
        {
            Fill();
            _stop.Wait(RefillPeriod);
        }
    }

    /// <summary>Stops the refill thread and zeroes and frees the pool; call it once the signing thread no longer signs.</summary>
    public void Dispose()
    {
        if (_stop.IsSet) return;
        _stop.Set();
        _thread?.Join();
        lock (_produce) _memory.Dispose();
    }

    /// <summary>The producer's and the consumer's cursors, each on its own cache line so their writes do not contend.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Cursors
    {
        // padding: bytes 0–63 keep Produced off whatever precedes the struct in the object.
        [FieldOffset(64)]
        public long Produced;

        // padding: bytes 72–127.
        [FieldOffset(128)]
        public long Consumed;

        // padding: bytes 136–191 keep Consumed off whatever follows.
    }
}
