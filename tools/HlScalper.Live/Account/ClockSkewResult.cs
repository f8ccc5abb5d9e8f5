namespace HlScalper.Live.Account;

/// <summary>Our clock against the exchange's, in ms (positive = ours is ahead), with the round trip that bounds the measurement.</summary>
public readonly record struct ClockSkewResult(double SkewMs, double RoundTripMs, int Samples);
