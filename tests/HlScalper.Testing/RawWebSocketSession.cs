using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Testing;

/// <summary>The server side of one upgraded connection: writes arbitrary frames and bytes, reads and unmasks the client's frames.</summary>
public sealed class RawWebSocketSession(Stream stream)
{
    public Stream Stream { get; } = stream;

    /// <summary>Marks the connection to be dropped without a close frame (a kick): the script returns right after and Kestrel closes the TCP connection.</summary>
    /// <remarks>A FIN, not a reset: a reset may make the kernel discard bytes the client has not read yet, which would make the test a race.</remarks>
    public void Kick() => Kicked = true;

    public bool Kicked { get; private set; }

    public async Task WriteAsync(byte[] bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    /// <summary>An unmasked server frame with any header bits the test wants.</summary>
    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, byte rsv = 0, bool mask = false, long? declaredLength = null)
    {
        var length = declaredLength ?? payload.Length;
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | rsv | (byte)opcode) };
        var maskBit = mask ? 0x80 : 0;
        if (length <= 125) header.Add((byte)(maskBit | (int)length));
        else if (length <= ushort.MaxValue)
        {
            header.Add((byte)(maskBit | 126));
            header.Add((byte)(length >> 8));
            header.Add((byte)length);
        }
        else
        {
            header.Add((byte)(maskBit | 127));
            var wide = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(wide, length);
            header.AddRange(wide);
        }
        if (mask) header.AddRange(new byte[] { 0, 0, 0, 0 });
        return [.. header, .. payload];
    }

    public Task SendTextAsync(string text) => WriteAsync(Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text)));

    /// <summary>Sends a message split into 1..4 frames (text + continuations), the bytes written in random chunks.</summary>
    public async Task SendFragmentedAsync(byte[] message, Random random)
    {
        var frames = new List<byte>();
        var pieces = random.Next(1, 5);
        var offset = 0;
        for (var i = 0; i < pieces; i++)
        {
            var end = i == pieces - 1 ? message.Length : offset + random.Next(0, message.Length - offset + 1);
            frames.AddRange(Frame(i == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation, message.AsSpan(offset, end - offset), fin: i == pieces - 1));
            offset = end;
        }
        var bytes = frames.ToArray();
        for (var written = 0; written < bytes.Length;)
        {
            var chunk = Math.Min(bytes.Length - written, random.Next(1, 3000));
            await Stream.WriteAsync(bytes.AsMemory(written, chunk));
            written += chunk;
            if (random.Next(4) == 0) await Stream.FlushAsync();
        }
        await Stream.FlushAsync();
    }

    public async Task SendCloseAsync(WebSocketCloseStatus status, string reason)
    {
        var body = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)status);
        Encoding.UTF8.GetBytes(reason, body.AsSpan(2));
        await WriteAsync(Frame(WebSocketOpcode.Close, body));
    }

    /// <summary>Reads one client frame; asserts it was masked (RFC 6455 §5.3) and returns it unmasked.</summary>
    public async Task<(WebSocketOpcode Opcode, bool Fin, byte[] Payload)> ReadClientFrameAsync()
    {
        var head = await ReadExactlyAsync(2);
        var masked = (head[1] & 0x80) != 0;
        if (!masked) throw new InvalidDataException("a client frame was not masked");
        long length = head[1] & 0x7F;
        if (length == 126) length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2));
        else if (length == 127) length = BinaryPrimitives.ReadInt64BigEndian(await ReadExactlyAsync(8));
        var key = BinaryPrimitives.ReadUInt32LittleEndian(await ReadExactlyAsync(4));
        var payload = await ReadExactlyAsync((int)length);
        WebSocketFrameWriter.Mask(payload, key, 0);
        return ((WebSocketOpcode)(head[0] & 0x0F), (head[0] & 0x80) != 0, payload);
    }

    /// <summary>Reads client frames until a text one arrives; returns its text.</summary>
    public async Task<string> ReadClientTextAsync()
    {
        while (true)
        {
            var (opcode, _, payload) = await ReadClientFrameAsync();
            if (opcode == WebSocketOpcode.Text) return Encoding.UTF8.GetString(payload);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        await Stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}
