using System.Text;
using CsCheck;
using HlScalper.Replay.Data;
using HlScalper.Replay.QueueStudy;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>Hostile input to the node readers: cut and corrupted tarballs and snapshots, random lines. Each is read in part or is an error naming the file; nothing else escapes.</summary>
public class NodeReaderFuzzTests
{
    private TempDirectory _dir = null!;
    private byte[] _archive = null!;
    private byte[] _snapshot = null!;

    [OneTimeSetUp]
    public void WriteCapture()
    {
        _dir = new TempDirectory();
        _archive = File.ReadAllBytes(HandBuiltCapture.Write(_dir.Path));
        _snapshot = File.ReadAllBytes(_dir.File("snapshot_10.json.gz"));
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    [Test]
    public void A_cut_tarball_gives_a_part_of_its_events_or_an_error_naming_the_file()
    {
        Gen.Int[0, _archive.Length - 1].Sample(cut =>
        {
            var path = Write("cut.tar.gz", _archive.AsSpan(0, cut));
            var sink = new RecordingNodeSink();
            var outcome = ReadArchive(path, sink);
            Assert.That(outcome ?? "read", Does.StartWith(path).Or.EqualTo("read"));
            Assert.That(sink.Diffs, Has.Count.LessThanOrEqualTo(7), "never more than the whole file holds");
        }, iter: 300);
    }

    [Test]
    public void A_tarball_with_corrupted_bytes_is_read_or_is_an_error_naming_the_file()
    {
        Gen.Select(Gen.Int[0, _archive.Length - 1], Gen.Byte).Array[1, 8].Sample(flips =>
        {
            var bytes = _archive.ToArray();
            foreach (var (at, value) in flips) bytes[at] = value;
            var path = Write("corrupt.tar.gz", bytes);
            var outcome = ReadArchive(path, new RecordingNodeSink());
            Assert.That(outcome ?? "read", Does.StartWith(path).Or.EqualTo("read"));
        }, iter: 300);
    }

    [Test]
    public void A_cut_or_corrupted_snapshot_is_read_or_is_an_error_naming_the_file()
    {
        var plain = Encoding.UTF8.GetBytes(HandBuiltCapture.SnapshotJson);
        Gen.Select(Gen.Bool, Gen.Int[0, plain.Length - 1], Gen.Select(Gen.Int[0, plain.Length - 1], Gen.Byte).Array[0, 4]).Sample((gzip, cut, flips) =>
        {
            var bytes = (gzip ? _snapshot : plain).ToArray();
            foreach (var (at, value) in flips) bytes[at % bytes.Length] = value;
            var path = Write("snapshot.json", bytes.AsSpan(0, Math.Min(bytes.Length, cut + 1)));
            try
            {
                var snapshot = NodeSnapshotReader.Read(path, "BTC");
                Assert.That(snapshot.Bids.Count + snapshot.Asks.Count, Is.LessThanOrEqualTo(5));
            }
            catch (TickDataException e)
            {
                Assert.That(e.Message, Does.StartWith(path));
            }
        }, iter: 400);
    }

    [Test]
    public void A_random_line_between_good_ones_never_costs_them()
    {
        var good = HandBuiltCapture.DiffLines;
        var mutated = Gen.Select(Gen.Int[0, good.Length - 1], Gen.Int[0, 400], Gen.Char).Select((line, at, c) =>
        {
            var text = good[line];
            var i = at % text.Length;
            return text[..i] + c + text[(i + 1)..];
        });
        Gen.OneOf(Gen.String, mutated, Gen.Char["{}[]\":,0123456789.-abtrue"].Array[0, 200].Select(chars => new string(chars))).Sample(random =>
        {
            var single = random.Replace('\n', ' ');
            var sink = new RecordingNodeSink();
            var text = string.Join("\n", good[0], single, good[3]);
            var report = NodeOutputReader.ReadLines(new MemoryStream(Encoding.UTF8.GetBytes(text)), "fuzz", NodeFileKind.RawBookDiffs, false, "BTC", sink, _ => { });
            Assert.That(report.Lines, Is.EqualTo(3));
            Assert.That(sink.Diffs.Select(d => d.Oid).Take(2), Is.EqualTo(new[] { 10L, 11L }));
            Assert.That(sink.Diffs.Select(d => d.Oid).TakeLast(2), Is.EqualTo(new[] { 10L, 11L }));
        }, iter: 1000);
    }

    [Test]
    public void A_directory_without_its_files_is_an_error_saying_what_is_missing()
    {
        using var empty = new TempDirectory();
        var error = Assert.Throws<TickDataException>(() => NodeCaptureLoader.Load(empty.Path, "BTC", NodeSource.ByBlock, _ => { }))!;
        Assert.That(error.Message, Does.Contain("snapshot_*.json*"));
        File.Copy(_dir.File("snapshot_10.json.gz"), Path.Combine(empty.Path, "snapshot_10.json.gz"));
        error = Assert.Throws<TickDataException>(() => NodeCaptureLoader.Load(empty.Path, "BTC", NodeSource.Streaming, _ => { }))!;
        Assert.That(error.Message, Does.Contain("streaming_*.tar.gz"));
    }

    /// <summary>Null when the archive was read; the error message when it was refused. Any other exception fails the test.</summary>
    private static string? ReadArchive(string path, RecordingNodeSink sink)
    {
        try
        {
            NodeOutputReader.ReadArchive(path, "BTC", sink, _ => { });
            return null;
        }
        catch (TickDataException e)
        {
            return e.Message;
        }
    }

    private string Write(string name, ReadOnlySpan<byte> bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }
}
