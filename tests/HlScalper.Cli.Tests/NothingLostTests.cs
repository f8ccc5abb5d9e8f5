using System.Text.Json;
using HlScalper.Gateway.WebSockets;
using System.Buffers.Binary;
using K4os.Compression.LZ4;
using Parquet;

namespace HlScalper.Cli.Tests;

/// <summary>Issue 15, "data loss": a recording never truncates what is there, says when it recorded nothing, flushes complete blocks while it runs; a cancelled sweep keeps what it finished.</summary>
[CancelAfter(120_000)]
public class NothingLostTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("cli-lost-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Record_against_a_silent_server_leaves_the_existing_file_whole_and_exits_1()
    {
        var precious = Path.Combine(_dir, "precious.lz4");
        var bytes = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(precious, bytes);
        // Port 1 on loopback refuses every connection: nothing ever arrives.
        var (code, _, error) = await CliRun.Run("record", "--url", "ws://127.0.0.1:1/ws", "--coin", "BTC", "--seconds", "2", "--out", precious, "--force");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain("nothing recorded").And.Contain("left as it was"));
            Assert.That(File.ReadAllBytes(precious), Is.EqualTo(bytes), "not truncated, not replaced");
            Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { precious }), "no temporary file left behind");
        });
    }

    [Test]
    public async Task Record_refuses_an_existing_file_without_force_and_replaces_it_with_force_once_data_arrives()
    {
        var messages = Recordings.ArchiveMessages(Recordings.Derived("BTC")).Take(50).ToList();
        await using var server = await PlaybackExchange.Start(messages);
        var file = Path.Combine(_dir, "btc.lz4");
        File.WriteAllText(file, "old");
        var refused = await CliRun.Run("record", "--url", server.Uri.ToString(), "--seconds", "2", "--out", file);
        Assert.That(refused.Code, Is.EqualTo(2));
        Assert.That(refused.Err, Does.Contain("exists").And.Contain("--force"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("old"));

        var forced = await CliRun.Run("record", "--url", server.Uri.ToString(), "--channels", "l2Book,trades", "--seconds", "3", "--out", file, "--force");
        Assert.That(forced.Code, Is.Zero, forced.Err);
        Assert.That(Recordings.ReadArchiveFile(file).Select(r => r.Raw), Is.EqualTo(messages));
    }

    [Test]
    public async Task A_recording_killed_mid_run_holds_every_message_up_to_the_last_flush()
    {
        var messages = Recordings.ArchiveMessages(Recordings.Derived("BTC")).Take(300).ToList();
        await using var server = await PlaybackExchange.Start(messages);
        var file = Path.Combine(_dir, "live.lz4");
        using var stop = new CancellationTokenSource();
        var (run, _) = CliRun.Start(stop.Token, "record", "--url", server.Uri.ToString(), "--channels", "l2Book,trades", "--flush-s", "0.1", "--out", file);
        // What a SIGKILL leaves is the file as it stands: no end mark, no checksum. Read its complete blocks.
        await Eventually.Until(() => File.Exists(file) && CompleteLines(File.ReadAllBytes(file)) == messages.Count || run.IsCompleted,
            "every message in complete blocks while recording", 30_000);
        Assert.That(run.IsCompleted, Is.False, run.IsCompleted ? (await run).Err : "");
        var snapshot = File.ReadAllBytes(file);
        await stop.CancelAsync();
        await run;
        Assert.That(CompleteLines(snapshot), Is.EqualTo(messages.Count));
    }

    [Test]
    public async Task A_cancelled_sweep_writes_the_runs_it_finished()
    {
        var output = Path.Combine(_dir, "sweep");
        using var stop = new CancellationTokenSource();
        // 1,000 runs of two hours one at a time: far more than can finish between the first progress line and the cancel.
        var (run, _, errSoFar) = CliRun.StartWatching(stop.Token, "sweep", "--minutes", "120",
            "--grid", "tp_ticks=1,2,3,4,5,6,7,8,9,10;imbalance=0.55,0.6,0.65,0.7,0.75;levels=3,5,8,10,12;ema_s=5,10,15,20", "--parallel", "1", "--out", output);
        await Eventually.Until(() => errSoFar().Contains("sweep: ") || run.IsCompleted, "the first run finished", 60_000);
        await stop.CancelAsync();
        var (code, _, error) = await run;

        var match = System.Text.RegularExpressions.Regex.Match(error, @"cancelled after (\d+) of 1000 runs");
        Assert.That(match.Success, Is.True, error);
        var finished = int.Parse(match.Groups[1].Value);
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(output, "sweep.parquet"));
        var rows = Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.OpenRowGroupReader(g).RowCount);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(130));
            Assert.That(finished, Is.InRange(1, 999));
            Assert.That(rows, Is.EqualTo(finished), "one row per finished run");
        });
    }

    /// <summary>Lines in the complete blocks of an LZ4 frame that may lack its end (as a killed writer leaves it), read block by block by the frame format itself (an independent reader, not the one under test).</summary>
    private static int CompleteLines(byte[] frame)
    {
        if (frame.Length < 7 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0x184D2204) return 0;
        var flags = frame[4];
        var at = 7 + ((flags & 0x08) != 0 ? 8 : 0) + ((flags & 0x01) != 0 ? 4 : 0);
        var blockChecksum = (flags & 0x10) != 0 ? 4 : 0;
        var lines = 0;
        var output = new byte[4 << 20];
        while (at + 4 <= frame.Length)
        {
            var header = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(at));
            if (header == 0) break;
            var size = (int)(header & 0x7FFF_FFFF);
            if (at + 4 + size + blockChecksum > frame.Length) break;          // the block the kill cut short
            var block = frame.AsSpan(at + 4, size);
            lines += (header & 0x8000_0000) != 0
                ? block.Count((byte)'\n')
                : output.AsSpan(0, LZ4Codec.Decode(block, output)).Count((byte)'\n');
            at += 4 + size + blockChecksum;
        }
        return lines;
    }
}
