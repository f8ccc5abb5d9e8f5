using System.Net.WebSockets;
using CsCheck;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Gateway.Tests;

public class WebSocketFrameWriterTests
{
    [TestCase(0, 6)]
    [TestCase(125, 6)]
    [TestCase(126, 8)]
    [TestCase(65_535, 8)]
    [TestCase(65_536, 14)]
    public void Header_length_follows_the_7_16_64_bit_length_forms(int payload, int header)
    {
        Assert.That(WebSocketFrameWriter.HeaderLength(payload), Is.EqualTo(header));
        Assert.That(WebSocketFrameWriter.FrameLength(payload), Is.EqualTo(header + payload));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(125)]
    [TestCase(126)]
    [TestCase(65_535)]
    [TestCase(65_536)]
    [TestCase(200_001)]
    public async Task A_server_side_dotnet_WebSocket_reads_our_frames(int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var frame = new byte[WebSocketFrameWriter.FrameLength(length)];
        var written = WebSocketFrameWriter.Write(frame, WebSocketOpcode.Binary, payload, 0xA1B2C3D4u);
        Assert.That(written, Is.EqualTo(frame.Length));

        using var stream = new MemoryStream(frame);
        using var server = System.Net.WebSockets.WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, Timeout.InfiniteTimeSpan);
        var received = new byte[length + 16];
        var total = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await server.ReceiveAsync(received.AsMemory(total), CancellationToken.None);
            total += result.Count;
        } while (!result.EndOfMessage);

        Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Binary));
        Assert.That(received.AsSpan(0, total).SequenceEqual(payload), Is.True);
    }

    [Test]
    public void Header_bits_are_fin_opcode_mask_and_big_endian_length()
    {
        var frame = new byte[WebSocketFrameWriter.FrameLength(300)];
        WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, new byte[300], 0x04030201u, fin: false);
        Assert.That(frame[..8], Is.EqualTo(new byte[] { 0x01, 0x80 | 126, 0x01, 0x2C, 0x01, 0x02, 0x03, 0x04 }));
        // A zero payload masked is the key repeated.
        Assert.That(frame[8..16], Is.EqualTo(new byte[] { 1, 2, 3, 4, 1, 2, 3, 4 }));
    }

    [Test]
    public void Masking_at_any_offset_equals_masking_byte_by_byte() =>
        Gen.Select(Gen.Byte.Array[0, 100], Gen.UInt, Gen.Int[0, 7]).Sample((data, key, offset) =>
        {
            var fast = (byte[])data.Clone();
            WebSocketFrameWriter.Mask(fast, key, offset);
            for (var i = 0; i < data.Length; i++)
                if (fast[i] != (byte)(data[i] ^ (byte)(key >> (((offset + i) & 3) * 8)))) return false;
            return true;
        }, iter: 500);

    [Test]
    public void Too_small_a_destination_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => WebSocketFrameWriter.Write(new byte[10], WebSocketOpcode.Text, new byte[5], 1));
        Assert.That(e!.Message, Does.Contain("needs 11"));
    }

    [Test]
    public void Writing_frames_allocates_nothing()
    {
        var payload = new byte[900];
        var frame = new byte[WebSocketFrameWriter.FrameLength(payload.Length)];
        WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, payload, 7);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, payload, (uint)i);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
