using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace HlScalper.Replay.Data;

/// <summary>A gzip file's decompressed bytes that end in an error, not in silence, when the file is cut: at the end the CRC-32 and length of what came out are held to the file's trailer.</summary>
/// <remarks>
/// <see cref="GZipStream"/> ends quietly when the file is truncated, trailer or data missing, so half a file
/// reads as a shorter good one. The trailer (RFC 1952: CRC-32 and length mod 2³², the file's last 8 bytes)
/// belongs to the last member; a file of several concatenated members (rare for tick data) is therefore reported
/// as truncated although all of it was read.
/// </remarks>
internal sealed class GzipTrailerCheck : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _length;

    public GzipTrailerCheck(FileStream file)
    {
        _file = file;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        if (n == 0 && buffer.Length > 0)
        {
            CheckTrailer();
            return 0;
        }
        _crc.Append(buffer[..n]);
        _length += n;
        return n;
    }

    private void CheckTrailer()
    {
        Span<byte> trailer = stackalloc byte[8];
        var size = _file.Length;
        if (size < 18 || RandomAccess.Read(_file.SafeFileHandle, trailer, size - 8) != 8)
            throw new InvalidDataException("truncated gzip: the file is too short for a gzip trailer");
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc != _crc.GetCurrentHashAsUInt32() || length != (uint)_length)
            throw new InvalidDataException($"truncated or corrupt gzip: its trailer promises {length:N0} bytes (mod 2^32) with CRC-32 {crc:x8}, the data gave {_length:N0} bytes with CRC-32 {_crc.GetCurrentHashAsUInt32():x8}");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
