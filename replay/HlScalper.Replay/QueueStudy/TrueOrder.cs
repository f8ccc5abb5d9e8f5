using HlScalper.Engine.Events;

namespace HlScalper.Replay.QueueStudy;

/// <summary>The truth about one order that joined the book during the capture: where it stood in its queue, how that changed, and whether and when it filled.</summary>
public sealed class TrueOrder(int index, long oid, Side side, long pxRaw, long sizeRaw, long joinBlock, long joinTimeMs, long aheadAtJoinRaw)
{
    private readonly List<QueueSample> _path = [];

    /// <summary>Position in join order (0-based).</summary>
    public int Index { get; } = index;

    public long Oid { get; } = oid;

    public Side Side { get; } = side;

    public long PxRaw { get; } = pxRaw;

    /// <summary>The size it joined with.</summary>
    public long SizeRaw { get; } = sizeRaw;

    public long JoinBlock { get; } = joinBlock;

    public long JoinTimeMs { get; } = joinTimeMs;

    /// <summary>The size resting ahead of it at its price at the moment it joined (earlier orders of the same block included).</summary>
    public long AheadAtJoinRaw { get; } = aheadAtJoinRaw;

    /// <summary>Size ahead at the end of its join block and at the end of every later block in which it changed.</summary>
    public IReadOnlyList<QueueSample> Path => _path;

    /// <summary>Time of its first fill as maker; -1 when it never filled.</summary>
    public long FirstFillTimeMs { get; private set; } = -1;

    public long FilledRaw { get; private set; }

    public OrderEnd End { get; private set; }

    /// <summary>The block in which it left the book; -1 while resting.</summary>
    public long EndBlock { get; private set; } = -1;

    public long EndTimeMs { get; private set; } = -1;

    public bool Filled => FirstFillTimeMs >= 0;

    /// <summary>Time from joining to its first fill; -1 when it never filled.</summary>
    public long TimeToFillMs => Filled ? FirstFillTimeMs - JoinTimeMs : -1;

    /// <summary>True while it rests at the end of <paramref name="block"/>.</summary>
    public bool IsRestingAfter(long block) => block >= JoinBlock && (EndBlock < 0 || block < EndBlock);

    /// <summary>The size ahead at the end of <paramref name="block"/> (the last sample at or before it); -1 before it joined.</summary>
    public long AheadAfter(long block)
    {
        int lo = 0, hi = _path.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_path[mid].Block <= block)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found < 0 ? -1 : _path[found].AheadRaw;
    }

    internal void Sample(long block, long timeMs, long aheadRaw)
    {
        if (_path.Count > 0 && _path[^1].AheadRaw == aheadRaw) return;
        _path.Add(new QueueSample(block, timeMs, aheadRaw));
    }

    internal void AddFill(long timeMs, long sizeRaw)
    {
        if (FirstFillTimeMs < 0) FirstFillTimeMs = timeMs;
        FilledRaw += sizeRaw;
    }

    internal void Leave(long block, long timeMs)
    {
        End = FilledRaw >= SizeRaw ? OrderEnd.Filled : OrderEnd.Canceled;
        EndBlock = block;
        EndTimeMs = timeMs;
    }
}
