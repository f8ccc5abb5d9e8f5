using System.Text;
using System.Text.Json;
using HlScalper.Bench.Replay;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Data;

namespace HlScalper.Bench.Fuzz;

/// <summary>Every real message under <c>../shared</c> (archive, derived, hftbacktest captures and the spec's examples), each with a receive time just after its own event time.</summary>
internal static class FuzzCorpus
{
    private static readonly string[] Files =
    [
        "data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4",
        "data/hyperliquid/derived_ws_20250904/BTC.lz4",
        "data/hyperliquid/derived_ws_20250904/ETH.lz4",
        "data/hyperliquid/derived_ws_20250904/SOL.lz4",
        "data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz",
    ];

    public static List<(byte[] Message, long ReceiveUnixMs)> Load(CoinTable coins)
    {
        var messages = new List<byte[]>();
        foreach (var relative in Files)
        {
            var path = BenchData.PathOf(relative);
            var format = FormatDetector.Detect(path);
            using var stream = FormatDetector.Open(path, format.Compression);
            var lines = new LineReader(stream);
            while (lines.TryReadLine(out var line))
                if (MessageSlicer.TrySlice(line, format.Lines, out var range, out _)) messages.Add(line[range].ToArray());
        }
        foreach (var line in File.ReadLines(BenchData.PathOf("spec/ws-examples.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("direction").GetString() == "server->client")
                messages.Add(Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("message").GetRawText()));
        }

        var codec = new HlCodec(coins);
        var slot = new Slot();
        return messages.Select(m =>
        {
            var sink = new SlotSink(slot);
            codec.Parse(m, ref sink, 0);
            return (m, codec.LastEventCoin >= 0 ? codec.LastEventTimeMs + 250 : 0);
        }).ToList();
    }

    private sealed class Slot
    {
        internal MarketEvent Event;
    }

    private readonly struct SlotSink(Slot slot) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref slot.Event;

        public void Publish() { }
    }
}
