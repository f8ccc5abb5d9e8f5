namespace HlScalper.Replay.Data.Compact;

/// <summary>A tape file held in memory in 64 KB chunks: written once through <see cref="Writer"/>, then read by any number of streams at once.</summary>
/// <remarks>
/// One array the size of the tape (1.7 MB for the real BTC half hour) is a large-object allocation: every load touched
/// pages the process had never used (a tenth of a Parquet load's time went to page faults), and every few loads it
/// forced a gen-2 collection. Chunks under the large-object threshold come from gen-0 memory that is already warm, and
/// the tape never has to be copied as it grows.
/// </remarks>
internal sealed class ChunkedBytes
{
    /// <summary>Under the runtime's 85,000-byte large-object threshold.</summary>
    private const int ChunkBytes = 1 << 16;

    private readonly List<byte[]> _chunks = [];
    private long _length;

    public long Length => _length;

    /// <summary>A stream that appends to these bytes; there is one writer, done before the first reader opens.</summary>
    public Stream Writer() => new AppendStream(this);

    /// <summary>A new read-only stream over the bytes written, at their start.</summary>
    public Stream OpenRead() => new ReadStream(this);

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var used = (int)(_length % ChunkBytes);
            // Chunks fill one after another, so a write at a chunk's start always needs a new one. Not zeroed: only
            // written bytes are ever read, and zeroing a chunk was 1.5 % of a Parquet load.
            if (used == 0) _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkBytes));
            var n = Math.Min(bytes.Length, ChunkBytes - used);
            bytes[..n].CopyTo(_chunks[^1].AsSpan(used));
            bytes = bytes[n..];
            _length += n;
        }
    }

    /// <summary>Copies bytes from <paramref name="position"/> on into <paramref name="into"/>; returns how many (0 at the end).</summary>
    private int ReadAt(long position, Span<byte> into)
    {
        var total = 0;
        while (!into.IsEmpty && position < _length)
        {
            var offset = (int)(position % ChunkBytes);
            var n = (int)Math.Min(Math.Min(into.Length, ChunkBytes - offset), _length - position);
            _chunks[(int)(position / ChunkBytes)].AsSpan(offset, n).CopyTo(into);
            into = into[n..];
            position += n;
            total += n;
        }
        return total;
    }

    private sealed class AppendStream(ChunkedBytes bytes) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => bytes.Length;

        public override long Position
        {
            get => bytes.Length;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer) => bytes.Append(buffer);

        public override void Write(byte[] buffer, int offset, int count) => bytes.Append(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class ReadStream(ChunkedBytes bytes) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            var n = bytes.ReadAt(_position, buffer);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
