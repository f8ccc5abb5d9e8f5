using static HlScalper.Testing.NodeFiles;

namespace HlScalper.Testing;

/// <summary>A small L4 capture written by hand, whose true queues and every model's predictions are worked out below in advance.</summary>
/// <remarks>
/// <para>Snapshot (block 10), bids at 100: A (oid 1, 1.0) then B (oid 2, 2.0); at 99: C (oid 3, 5.0). Asks at 101: D (1.0), at 102: E (1.0).</para>
/// <para>Block 11 (t0): X (oid 10, buy 1.0 at 100) joins, then Y (oid 11, buy 1.0 at 100). True queue ahead: X 3.0, Y 4.0.</para>
/// <para>Block 12 (t0 + 100 ms): B cancels. X now has 1.0 ahead, Y 2.0.</para>
/// <para>Block 13 (t0 + 200 ms): a seller takes 1.5 at 100 in two trades: A 1.0 (tid 1), then X 0.5 (tid 2). X first fills here; Y has 0.5 ahead.</para>
/// <para>Block 14 (t0 + 300 ms): a seller takes 1.0: X's last 0.5 (tid 3), then Y 0.5 (tid 4). X is filled in full; Y first fills, 0.5 left resting.</para>
/// <para>The files also hold what a reader must skip: an ETH diff, fill and status (other coin), and in the status file one event without an oid (bad).</para>
/// </remarks>
public static class HandBuiltCapture
{
    public const long SnapshotHeight = 10;

    /// <summary>2026-01-01T00:00:00.100Z in Unix ms: block 11's time.</summary>
    public const long T0 = 1_767_225_600_100;

    public const long X = 10;
    public const long Y = 11;

    public static string BlockTime(int block) => $"2026-01-01T00:00:00.{(block - 10) * 100:000}000000";

    public static long TimeOf(int block) => T0 + (block - 11) * 100;

    public static string SnapshotJson => Snapshot(SnapshotHeight,
        ("ETH", [SnapshotOrder(90, "B", "3000.0", "1.0", 1, "ETH")], []),
        ("BTC",
            [SnapshotOrder(1, "B", "100.0", "1.0", 1), SnapshotOrder(2, "B", "100.0", "2.0", 2), SnapshotOrder(3, "B", "99.0", "5.0", 3)],
            [SnapshotOrder(4, "A", "101.0", "1.0", 4), SnapshotOrder(5, "A", "102.0", "1.0", 5)]));

    public static string[] DiffLines =>
    [
        Line(11, BlockTime(11), New(X, "B", "100.0", "1.0"), New(Y, "B", "100.0", "1.0"), New(91, "B", "3001.0", "1.0", "ETH")),
        Line(12, BlockTime(12), Remove(2, "B", "100.0")),
        Line(13, BlockTime(13), Remove(1, "B", "100.0"), Update(X, "B", "100.0", "1.0", "0.5")),
        Line(14, BlockTime(14), Remove(X, "B", "100.0"), Update(Y, "B", "100.0", "1.0", "0.5")),
    ];

    public static string[] FillLines =>
    [
        Line(11, BlockTime(11), Fill(92, "B", "3001.0", "1.0", TimeOf(11), 99, true, "ETH")),
        Line(12, BlockTime(12)),
        Line(13, BlockTime(13),
            Fill(20, "A", "100.0", "1.0", TimeOf(13), 1, true), Fill(1, "B", "100.0", "1.0", TimeOf(13), 1, false),
            Fill(20, "A", "100.0", "0.5", TimeOf(13), 2, true), Fill(X, "B", "100.0", "0.5", TimeOf(13), 2, false)),
        Line(14, BlockTime(14),
            Fill(21, "A", "100.0", "0.5", TimeOf(14), 3, true), Fill(X, "B", "100.0", "0.5", TimeOf(14), 3, false),
            Fill(21, "A", "100.0", "0.5", TimeOf(14), 4, true), Fill(Y, "B", "100.0", "0.5", TimeOf(14), 4, false)),
    ];

    public static string[] StatusLines =>
    [
        Line(11, BlockTime(11), Status(X, "open", "B", "100.0", "1.0", TimeOf(11)), Status(Y, "open", "B", "100.0", "1.0", TimeOf(11)),
            Status(93, "badAloPxRejected", "A", "99.0", "1.0", TimeOf(11)), Status(94, "open", "B", "3001.0", "1.0", TimeOf(11), "ETH"),
            """{"status":"open","order":{"coin":"BTC","side":"B","limitPx":"100.0","sz":"1.0"}}"""),
        Line(12, BlockTime(12), Status(2, "canceled", "B", "100.0", "2.0", TimeOf(12))),
        Line(13, BlockTime(13), Status(20, "filled", "A", "100.0", "0.0", TimeOf(13))),
        Line(14, BlockTime(14), Status(21, "filled", "A", "100.0", "0.0", TimeOf(14)), Status(X, "filled", "B", "100.0", "0.0", TimeOf(14))),
    ];

    /// <summary>Writes <c>snapshot_10.json.gz</c> and <c>by_block_btc_11_14.tar.gz</c> into <paramref name="directory"/>; returns the archive's path.</summary>
    public static string Write(string directory)
    {
        WriteGzip(Path.Combine(directory, "snapshot_10.json.gz"), SnapshotJson);
        var archive = Path.Combine(directory, "by_block_btc_11_14.tar.gz");
        WriteArchive(archive, (FillsEntry, FillLines), (StatusesEntry, StatusLines), (DiffsEntry, DiffLines));
        return archive;
    }
}
