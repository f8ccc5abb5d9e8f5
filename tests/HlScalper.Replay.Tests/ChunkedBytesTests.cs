using CsCheck;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Replay.Tests;

public class ChunkedBytesTests
{
    /// <summary>Writes of any sizes, some across the 64 KB chunk seams, then reads of any sizes.</summary>
    private static readonly Gen<(byte[][] Writes, int[] Reads)> Pieces = Gen.Select(
        Gen.OneOf(Gen.Int[0, 300], Gen.Int[65_000, 140_000]).SelectMany(n => Gen.Byte.Array[n]).Array[1, 6],
        Gen.OneOf(Gen.Int[1, 100], Gen.Int[60_000, 70_000]).Array[1, 8]);

    [Test]
    public void Reads_give_back_exactly_the_bytes_written_whatever_the_pieces()
    {
        Pieces.Sample(p =>
        {
            var bytes = new ChunkedBytes();
            using (var writer = bytes.Writer())
                foreach (var w in p.Writes) writer.Write(w);
            var expected = p.Writes.SelectMany(w => w).ToArray();

            using var reader = bytes.OpenRead();
            var read = new List<byte>();
            var buffer = new byte[p.Reads.Max()];
            for (var i = 0; ; i++)
            {
                var n = reader.Read(buffer, 0, p.Reads[i % p.Reads.Length]);
                if (n == 0) break;
                read.AddRange(buffer.AsSpan(0, n));
            }
            return bytes.Length == expected.Length && read.SequenceEqual(expected);
        }, iter: 60);
    }

    [Test]
    public void Readers_keep_their_own_places()
    {
        var bytes = new ChunkedBytes();
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        using (var writer = bytes.Writer()) writer.Write(data);

        using var first = bytes.OpenRead();
        using var second = bytes.OpenRead();
        var a = new byte[100_000];
        var b = new byte[70_000];
        first.ReadExactly(a);
        second.ReadExactly(b);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(data[..100_000]));
            Assert.That(b, Is.EqualTo(data[..70_000]));
            Assert.That(first.Position, Is.EqualTo(100_000));
            Assert.That(second.Position, Is.EqualTo(70_000));
        });
    }
}
