using System.Diagnostics;
using System.Globalization;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Live.Log;

namespace HlScalper.Live.Latency;

/// <summary>
/// Writes one CSV row per order the engine sent: when it left (local), when the exchange acted on it (the exchange's time), and
/// when its first answer came back (local): what <c>backtest --latency-file</c> replays as its entry and response latency.
/// </summary>
/// <remarks>
/// <para>Runs on the log thread (the order logger calls it), behind the engine and never in its way; it only formats and
/// buffers lines. Local times are Stopwatch readings placed on the local wall clock given; the exchange time is the
/// exchange's. Their round trip (ack − send) is exact; the split into entry and response is as good as the two clocks
/// agree. The live run's clock_skew line gives the offset measured at start; it is not applied here, because on a loaded
/// machine that estimate can be further off than the clocks themselves (−15 ms measured against the local exchange at a
/// 100 ms probe round trip).</para>
/// <para>The exchange answers an order twice: the post response (timed when it arrives) and the orderUpdates stream (timed by
/// the exchange, <c>statusTimestamp</c>). A row waits for both, up to <see cref="SecondAnswerWait"/>, and keeps the earliest
/// of each: the exchange's own time and the first arrival. An order answered once (no user stream) gets the one it had.
/// Memory is bounded: at most <see cref="Remembered"/> orders are tracked.</para>
/// </remarks>
public sealed class OrderLatencyWriter : IDisposable
{
    /// <summary>The file's first line; the back-tester reads the columns by these names.</summary>
    public const string Header = "cloid,oid,send_us,exchange_ms,ack_us,entry_ms,response_ms,answers";

    public const int Remembered = 4096;

    public static readonly TimeSpan SecondAnswerWait = TimeSpan.FromSeconds(2);

    private const long Done = long.MinValue;

    private readonly TextWriter _out;
    private readonly long _anchorUs;
    private readonly long _anchorTimestamp;
    private readonly RecentMap<Cloid, long> _sent = new(Remembered);
    private readonly Dictionary<Cloid, Pending> _pending = new(Remembered);
    private readonly Queue<Cloid> _waiting = new(Remembered);
    private bool _disposed;

    private struct Pending
    {
        public long SentAt;
        public long ExchangeMs;
        public long AckAt;
        public long Oid;
        public int Answers;
    }

    public OrderLatencyWriter(TextWriter output, TimeProvider clock)
    {
        _out = output;
        _anchorUs = (clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        _anchorTimestamp = Stopwatch.GetTimestamp();
        _out.Write(Header + "\n");
    }

    /// <summary>A writer of a new file at <paramref name="path"/>; an existing file is never replaced (<see cref="IOException"/>).</summary>
    public static OrderLatencyWriter Create(string path, TimeProvider clock) =>
        new(new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16), clock);

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>An order left at <paramref name="sentTimestamp"/> (Stopwatch).</summary>
    public void Sent(Cloid cloid, long sentTimestamp)
    {
        if (cloid.IsEmpty || sentTimestamp == 0) return;
        _sent.Set(cloid, sentTimestamp);
        WriteOverdue(sentTimestamp);
    }

    /// <summary>An answer about an order (ack, reject or cancel on the ring); answers of orders not sent by this run are ignored.</summary>
    public void Answered(ref MarketEvent e)
    {
        if (e.Kind != EventKind.OrderUpdate || e.Cloid.IsEmpty || e.ReceiveTimestamp == 0) return;
        WriteOverdue(e.ReceiveTimestamp);
        if (!_sent.TryGetValue(e.Cloid, out var sentAt) || sentAt == Done) return;
        if (_pending.TryGetValue(e.Cloid, out var p))
        {
            p.ExchangeMs = Math.Min(p.ExchangeMs, e.ExchangeTimeMs);
            p.AckAt = Math.Min(p.AckAt, e.ReceiveTimestamp);
            p.Answers++;
            if (p.Oid == 0) p.Oid = e.Oid;
            Finish(e.Cloid, p);
            return;
        }
        if (_waiting.Count == Remembered) WriteOldest();
        _pending[e.Cloid] = new Pending { SentAt = sentAt, ExchangeMs = e.ExchangeTimeMs, AckAt = e.ReceiveTimestamp, Oid = e.Oid, Answers = 1 };
        _waiting.Enqueue(e.Cloid);
    }

    /// <summary>Writes what is still waiting for a second answer, and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_waiting.Count > 0) WriteOldest();
        _out.Dispose();
    }

    private void WriteOverdue(long now)
    {
        while (_waiting.TryPeek(out var oldest))
        {
            if (_pending.TryGetValue(oldest, out var p) && Stopwatch.GetElapsedTime(p.AckAt, now) < SecondAnswerWait) return;
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        var cloid = _waiting.Dequeue();
        if (_pending.TryGetValue(cloid, out var p)) Finish(cloid, p);
    }

    private void Finish(Cloid cloid, Pending p)
    {
        _pending.Remove(cloid);
        _sent.Set(cloid, Done);
        var sendUs = LocalUs(p.SentAt);
        var ackUs = LocalUs(p.AckAt);
        _out.Write(string.Create(CultureInfo.InvariantCulture,
            $"{cloid},{p.Oid},{sendUs},{p.ExchangeMs},{ackUs},{(p.ExchangeMs * 1000 - sendUs) / 1000.0:0.###},{(ackUs - p.ExchangeMs * 1000) / 1000.0:0.###},{p.Answers}\n"));
        Rows++;
    }

    private long LocalUs(long timestamp) => _anchorUs + Stopwatch.GetElapsedTime(_anchorTimestamp, timestamp).Ticks / 10;
}
