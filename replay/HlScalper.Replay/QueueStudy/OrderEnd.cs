namespace HlScalper.Replay.QueueStudy;

/// <summary>How a real order's stay in the book ended within the capture.</summary>
public enum OrderEnd : byte
{
    /// <summary>Still resting when the capture ends.</summary>
    Resting,

    /// <summary>Filled in full.</summary>
    Filled,

    /// <summary>Left the book unfilled or partly filled (cancelled, expired, or any removal not explained by its fills).</summary>
    Canceled,
}
