using HlScalper.Replay.Data;

namespace HlScalper.Replay.Tests;

public class BlockingReadStreamTests
{
    [Test]
    public async Task Asynchronous_reads_complete_on_the_callers_thread_with_the_files_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
            await File.WriteAllBytesAsync(path, bytes);
            await using var stream = new BlockingReadStream(path);
            var back = new byte[bytes.Length];
            var read = 0;
            while (read < back.Length)
            {
                var pending = stream.ReadAsync(back.AsMemory(read, Math.Min(4096, back.Length - read)));
                Assert.That(pending.IsCompletedSuccessfully, Is.True, "the read was done before ReadAsync returned, not queued");
                var n = await pending;
                Assert.That(n, Is.Positive);
                read += n;
            }
            Assert.That(back, Is.EqualTo(bytes));
            stream.Seek(-4, SeekOrigin.End);
            Assert.That(await stream.ReadAsync(back.AsMemory(0, 8)), Is.EqualTo(4));
            Assert.That(() => stream.ReadAsync(back.AsMemory(), new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
