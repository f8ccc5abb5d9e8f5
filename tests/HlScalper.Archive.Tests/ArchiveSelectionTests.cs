using CsCheck;

namespace HlScalper.Archive.Tests;

/// <summary>Which keys a selection asks for: the archive's layouts, hours without padding, coverage and the node-fills handover.</summary>
public sealed class ArchiveSelectionTests
{
    [Test]
    public void L2Book_Key_HasTheHourWithoutPadding_AndTheCoinAsFileName()
    {
        Assert.That(ArchiveKind.L2Book.KeysFor(new DateOnly(2024, 1, 1), 5, "ETH"), Is.EqualTo(new[] { "market_data/20240101/5/l2Book/ETH.lz4" }));
        Assert.That(ArchiveKind.L2Book.Bucket, Is.EqualTo("hyperliquid-archive"));
    }

    [Test]
    public void Objects_AreEveryDayHourAndCoin_InThatOrder()
    {
        var selection = new ArchiveSelection(ArchiveKind.L2Book, ["BTC", "ETH"], new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), [0, 23]);

        var objects = selection.Objects();

        Assert.That(objects.Select(o => o.Label), Is.EqualTo(new[]
        {
            "BTC 2024-01-01 0h", "ETH 2024-01-01 0h", "BTC 2024-01-01 23h", "ETH 2024-01-01 23h",
            "BTC 2024-01-02 0h", "ETH 2024-01-02 0h", "BTC 2024-01-02 23h", "ETH 2024-01-02 23h",
        }));
        Assert.That(objects[^1].Keys, Is.EqualTo(new[] { "market_data/20240102/23/l2Book/ETH.lz4" }));
    }

    [Test]
    public void AssetCtxs_IsOneFilePerDay_WhateverTheHoursAndCoins()
    {
        var selection = new ArchiveSelection(ArchiveKind.AssetCtxs, ["BTC"], new DateOnly(2024, 3, 30), new DateOnly(2024, 4, 1), [1, 2, 3]);

        Assert.That(selection.Objects().Select(o => o.Keys.Single()), Is.EqualTo(new[] { "asset_ctxs/20240330.csv.lz4", "asset_ctxs/20240331.csv.lz4", "asset_ctxs/20240401.csv.lz4" }));
    }

    [Test]
    public void DaysBeforeTheArchiveHoldsAKind_AreNotRequested_ButCounted()
    {
        var selection = new ArchiveSelection(ArchiveKind.L2Book, ["BTC"], new DateOnly(2023, 4, 13), new DateOnly(2023, 4, 16), [0]);

        Assert.That(selection.Objects().Select(o => o.Label), Is.EqualTo(new[] { "BTC 2023-04-15 0h", "BTC 2023-04-16 0h" }));
        Assert.That(selection.UncoveredDays, Is.EqualTo(2));
    }

    [Test]
    public void NodeFills_TryBothLayoutsOnTheHandoverDay_AndOneOnEitherSide()
    {
        var fills = ArchiveKind.NodeFills;

        Assert.That(fills.KeysFor(new DateOnly(2025, 7, 26), 3, ""), Is.EqualTo(new[] { "node_fills/hourly/20250726/3.lz4" }));
        Assert.That(fills.KeysFor(new DateOnly(2025, 7, 27), 3, ""), Is.EqualTo(new[] { "node_fills_by_block/hourly/20250727/3.lz4", "node_fills/hourly/20250727/3.lz4" }));
        Assert.That(fills.KeysFor(new DateOnly(2025, 7, 28), 3, ""), Is.EqualTo(new[] { "node_fills_by_block/hourly/20250728/3.lz4" }));
        Assert.That(fills.Bucket, Is.EqualTo("hl-mainnet-node-data"));
    }

    [Test]
    public void NodeTrades_StopWhereTheArchiveStoppedWritingThem()
    {
        var selection = new ArchiveSelection(ArchiveKind.NodeTrades, [], new DateOnly(2025, 5, 24), new DateOnly(2025, 5, 27), [0]);

        Assert.That(selection.Objects().Select(o => o.Keys.Single()), Is.EqualTo(new[] { "node_trades/hourly/20250524/0.lz4", "node_trades/hourly/20250525/0.lz4" }));
        Assert.That(selection.UncoveredDays, Is.EqualTo(2));
    }

    [Test]
    public void Kinds_AreFoundByTheirCommandLineNames()
    {
        Assert.That(ArchiveKind.All.Select(k => ArchiveKind.Find(k.Name.ToUpperInvariant())), Is.EqualTo(ArchiveKind.All));
        Assert.That(ArchiveKind.Find("trades"), Is.Null);
    }

    [Test]
    public void ParseHours_ReadsBackAnyListWrittenAsSinglesAndRanges()
    {
        Gen.Int[0, 23].HashSet[1, 24].Sample(hours =>
        {
            var sorted = hours.Order().ToArray();
            // Write consecutive runs as ranges, the rest as singles, in a shuffled order.
            var parts = new List<string>();
            for (var i = 0; i < sorted.Length;)
            {
                var j = i;
                while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
                parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
                i = j + 1;
            }
            parts.Reverse();
            Assert.That(ArchiveSelection.ParseHours(string.Join(',', parts)), Is.EqualTo(sorted));
        });
    }

    [TestCase("24")]
    [TestCase("-1")]
    [TestCase("5-3")]
    [TestCase("a")]
    [TestCase("")]
    [TestCase("1,,2")]
    [TestCase("0-23-4")]
    public void ParseHours_RejectsWhatIsNotAnHourList(string text)
    {
        Assert.Throws<FormatException>(() => ArchiveSelection.ParseHours(text));
    }
}
