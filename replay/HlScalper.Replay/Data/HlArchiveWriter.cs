using System.Globalization;
using K4os.Compression.LZ4.Streams;

namespace HlScalper.Replay.Data;

/// <summary>Writes raw WebSocket messages in the Hyperliquid archive's own format: an LZ4 frame of <c>{"time","ver_num":1,"raw":…}</c> lines.</summary>
/// <remarks>
/// <c>time</c> is the local receive time in UTC with 9 fractional digits and no zone suffix, as in the
/// official archive, so the replay reader takes recordings and archive files alike. <c>raw</c> is the
/// message verbatim; it must be one JSON value (the caller passes only parsed JSON messages).
/// </remarks>
public sealed class HlArchiveWriter : IDisposable
{
    private static readonly byte[] Prefix = "{\"time\":\""u8.ToArray();
    private static readonly byte[] Middle = "\",\"ver_num\":1,\"raw\":"u8.ToArray();
    private static readonly byte[] Suffix = "}\n"u8.ToArray();

    private readonly Stream _file;
    private readonly Stream _lz4;
    private readonly byte[] _time = new byte[32];

    public HlArchiveWriter(string path)
    {
        _file = File.Create(path);
        _lz4 = LZ4Stream.Encode(_file);
    }

    public long Lines { get; private set; }

    public void Write(DateTime receivedUtc, ReadOnlySpan<byte> rawMessage)
    {
        // DateTime has 100 ns resolution: seven digits, then "00" for the archive's nine.
        receivedUtc.TryFormat(_time, out var length, "yyyy-MM-dd'T'HH:mm:ss.fffffff'00'", CultureInfo.InvariantCulture);
        _lz4.Write(Prefix);
        _lz4.Write(_time.AsSpan(0, length));
        _lz4.Write(Middle);
        _lz4.Write(rawMessage.TrimEnd(" \t\r\n"u8));
        _lz4.Write(Suffix);
        Lines++;
    }

    /// <summary>Closes the LZ4 frame (its end mark and checksum) and the file.</summary>
    public void Dispose()
    {
        _lz4.Dispose();
        _file.Dispose();
    }
}
