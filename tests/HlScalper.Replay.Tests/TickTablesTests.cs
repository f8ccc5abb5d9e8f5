using System.Runtime.InteropServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using Parquet;
using Parquet.Meta;

namespace HlScalper.Replay.Tests;

public class TickTablesTests
{
    /// <summary>The codec written today, and Snappy, which tables written before it used.</summary>
    [TestCase(TickTables.Compression, CompressionCodec.LZ4_RAW)]
    [TestCase(CompressionMethod.Snappy, CompressionCodec.SNAPPY)]
    public async Task Books_and_trades_round_trip_through_parquet_exactly(CompressionMethod compression, CompressionCodec codec)
    {
        var tape = ReplayHarness.SyntheticTape(300_000, seed: 9);
        var dir = Path.Combine(Path.GetTempPath(), "hlscalper-ticks-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (books, trades) = await TickTables.WriteAsync(tape, dir, compression: compression);
            Assert.That(books + trades, Is.EqualTo(tape.Count));
            Assert.That(FormatDetector.Detect(Path.Combine(dir, TickTables.BooksFile)).IsParquet, Is.True);
            foreach (var file in new[] { TickTables.BooksFile, TickTables.TradesFile })
            {
                await using var stream = File.OpenRead(Path.Combine(dir, file));
                await using var reader = await ParquetReader.CreateAsync(stream);
                Assert.That(reader.Metadata!.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!.Codec), Is.All.EqualTo(codec), file);
            }

            var builder = new TapeBuilder(new CoinTable());
            await TickTables.ReadAsync(Path.Combine(dir, TickTables.TradesFile), builder, learnCoins: true);
            await TickTables.ReadAsync(Path.Combine(dir, TickTables.BooksFile), builder, learnCoins: true);
            var back = builder.Build();
            Assert.That(back.Count, Is.EqualTo(tape.Count));
            Assert.That(back.Coins.NameOf(0), Is.EqualTo("BTC"));
            // Same time order is only defined per timestamp; compare as multisets of events per time.
            Assert.That(Fingerprints(back), Is.EquivalentTo(Fingerprints(tape)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task A_coin_filter_keeps_only_that_coin()
    {
        var tape = ReplayHarness.SyntheticTape(60_000);
        var dir = Path.Combine(Path.GetTempPath(), "hlscalper-ticks-" + Guid.NewGuid().ToString("N"));
        try
        {
            await TickTables.WriteAsync(tape, dir);
            var builder = new TapeBuilder(new CoinTable("ETH"));
            Assert.That((await TickTables.ReadAsync(Path.Combine(dir, TickTables.TradesFile), builder, learnCoins: false)).Events, Is.Zero);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string> Fingerprints(EventTape tape)
    {
        var list = new List<string>();
        foreach (ref readonly var e in tape.Span)
        {
            var copy = e;
            list.Add(Convert.ToHexString(MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(in copy))));
        }
        return list;
    }
}
