using HlScalper.Engine.Events;

namespace HlScalper.Replay.Scripted;

/// <summary>Receives an event by reference.</summary>
public delegate void EventTap(ref MarketEvent e);
