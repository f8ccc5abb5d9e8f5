using Microsoft.Win32.SafeHandles;

namespace HlScalper.Replay.Data;

/// <summary>A read-only file whose asynchronous reads are done on the caller's thread, as the blocking reads they are underneath.</summary>
/// <remarks>
/// On Linux a file opened without <see cref="FileOptions.Asynchronous"/> answers <c>ReadAsync</c> by queueing the read to the thread
/// pool and waiting for it. Parquet.Net reads a tick table column chunk by column chunk through <c>ReadAsync</c>, so a 127-column
/// book table paid a thread-pool round trip per chunk. The tables are read from the page cache or a local disk by a command-line
/// load that has nothing else to do meanwhile, so a blocking read is what it wants.
/// </remarks>
internal sealed class BlockingReadStream : Stream
{
    private readonly FileStream _file;

    /// <summary>Taken once, not through the stream's getter, which flushes the stream's buffer on every call. Reads at an offset
    /// (<see cref="ReadAt"/>) leave the stream's position alone: on Unix the stream keeps its own and reads with <c>pread</c>.</summary>
    private readonly SafeFileHandle _handle;

    /// <summary>Taken once: on Linux every <see cref="FileStream.Length"/> is an <c>fstat</c>, and the direct column reads asked it
    /// once a column chunk (~2 % of a Parquet load). An input is read as it was when opened; a file cut meanwhile reads short,
    /// which every reader reports as damage.</summary>
    private readonly long _length;

    public BlockingReadStream(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        _file = new FileStream(_handle, FileAccess.Read, bufferSize: 1 << 16);
        _length = RandomAccess.GetLength(_handle);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _file.Read(buffer);

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> without moving <see cref="Position"/>; fewer bytes only at the end of the file.</summary>
    public int ReadAt(long offset, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(_handle, buffer[done..], offset + done);
            if (read == 0) break;
            done += read;
        }
        return done;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_file.Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
