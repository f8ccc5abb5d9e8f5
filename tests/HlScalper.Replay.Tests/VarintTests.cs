using CsCheck;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Replay.Tests;

/// <summary>The compact tape's varints: the one-load decoder (8 bytes ahead) and the byte loop (near the end of a block) read the same values.</summary>
public class VarintTests
{
    private static readonly Gen<ulong> AnyValue = Gen.OneOf(Gen.ULong, Gen.ULong[0, 127], Gen.ULong[128, 1UL << 21], Gen.ULong[1UL << 49, 1UL << 57],
        Gen.Const(0UL), Gen.Const(ulong.MaxValue));

    [Test]
    public void Values_read_back_at_any_offset_whatever_bytes_follow()
    {
        Gen.Select(AnyValue.Array[1, 20], Gen.Int[0, 9], Gen.Byte.Array[0, 12]).Sample((values, offset, tail) =>
        {
            var buffer = new byte[offset + values.Length * 10 + tail.Length];
            var p = offset;
            foreach (var v in values) Varint.Write(buffer, ref p, v);
            var end = p;
            tail.CopyTo(buffer.AsSpan(end));
            // Read both from the exact bytes (the last ones through the byte loop) and with the garbage tail after them.
            foreach (var span in new[] { buffer.AsSpan(0, end).ToArray(), buffer.AsSpan(0, end + tail.Length).ToArray() })
            {
                var q = offset;
                foreach (var v in values)
                    if (Varint.Read(span, ref q) != v) return false;
                if (q != end) return false;
            }
            return true;
        }, iter: 20_000);
    }

    [Test]
    public void Signed_values_round_trip()
    {
        Gen.Select(Gen.Long.Array[1, 20], Gen.Byte.Array[0, 12]).Sample((values, tail) =>
        {
            var buffer = new byte[values.Length * 10 + tail.Length];
            var p = 0;
            foreach (var v in values) Varint.WriteSigned(buffer, ref p, v);
            tail.CopyTo(buffer.AsSpan(p));
            var q = 0;
            return values.All(v => Varint.ReadSigned(buffer, ref q) == v) && q == p;
        }, iter: 20_000);
    }

    [Test]
    public void Cut_or_overlong_bytes_fail_as_damaged_tape_never_as_another_exception()
    {
        // Eleven continuation bytes run past 64 bits; a continuation byte at the end is cut short.
        Gen.Byte.Array[0, 24].Sample(bytes =>
        {
            var p = 0;
            try
            {
                while (p < bytes.Length) Varint.Read(bytes, ref p);
                return p == bytes.Length;
            }
            catch (TickDataException)
            {
                return true;
            }
        }, iter: 20_000);
        Assert.Multiple(() =>
        {
            Assert.Throws<TickDataException>(() => Read([0x80, 0x80]));
            Assert.Throws<TickDataException>(() => Read([.. Enumerable.Repeat((byte)0xFF, 11), 0x01, 0, 0, 0, 0]));
        });
    }

    private static void Read(byte[] bytes)
    {
        var p = 0;
        Varint.Read(bytes, ref p);
    }
}
