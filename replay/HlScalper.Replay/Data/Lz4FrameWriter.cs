using System.Buffers.Binary;
using K4os.Compression.LZ4;
using K4os.Hash.xxHash;

namespace HlScalper.Replay.Data;

/// <summary>Writes one LZ4 frame of independent blocks whose <see cref="Flush"/> closes the pending bytes into a complete block on disk, so a reader that keeps the complete prefix loses nothing written before it.</summary>
/// <remarks>
/// The stream encoder of K4os only emits a block when its buffer fills, which would leave up to a block of recorded
/// lines in memory for as long as the market is quiet. The frame format is small enough to write directly (LZ4 frame
/// format 1.6.x): magic, descriptor (independent blocks, 64 KB maximum, no checksums), blocks of a little-endian size
/// (high bit set: stored uncompressed) and their bytes, and a zero end mark. <c>lz4 -dc</c> and every frame reader read it.
/// </remarks>
internal sealed class Lz4FrameWriter
{
    private const int BlockSize = 64 * 1024;

    private readonly Stream _file;
    private readonly byte[] _pending = new byte[BlockSize];
    private readonly byte[] _encoded = new byte[4 + LZ4Codec.MaximumOutputSize(BlockSize)];
    private int _count;

    public Lz4FrameWriter(Stream file)
    {
        _file = file;
        Span<byte> header = stackalloc byte[7];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x184D2204);
        header[4] = 0b0110_0000;            // version 01, blocks independent, no block or content checksum, no size, no dictionary
        header[5] = 0b0100_0000;            // block maximum size 64 KB
        header[6] = (byte)(XXH32.DigestOf(header[4..6]) >> 8);
        _file.Write(header);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, BlockSize - _count);
            bytes[..n].CopyTo(_pending.AsSpan(_count));
            _count += n;
            bytes = bytes[n..];
            if (_count == BlockSize) WriteBlock();
        }
    }

    /// <summary>Writes the pending bytes as a complete block and hands them to the file.</summary>
    public void Flush()
    {
        if (_count > 0) WriteBlock();
        _file.Flush();
    }

    /// <summary>The last block and the end mark: the frame is complete.</summary>
    public void Complete()
    {
        if (_count > 0) WriteBlock();
        Span<byte> end = stackalloc byte[4];
        end.Clear();
        _file.Write(end);
        _file.Flush();
    }

    private void WriteBlock()
    {
        var size = LZ4Codec.Encode(_pending.AsSpan(0, _count), _encoded.AsSpan(4));
        if (size <= 0 || size >= _count)
        {
            // Incompressible: stored as it is, flagged by the size's high bit.
            BinaryPrimitives.WriteUInt32LittleEndian(_encoded, (uint)_count | 0x8000_0000);
            _file.Write(_encoded.AsSpan(0, 4));
            _file.Write(_pending.AsSpan(0, _count));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_encoded, (uint)size);
            _file.Write(_encoded.AsSpan(0, 4 + size));
        }
        _count = 0;
    }
}
