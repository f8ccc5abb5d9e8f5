namespace HlScalper.Engine.Strategy;

/// <summary>One parameter settable by name (<c>key=value</c>): its key, what it means, and how to read and write it.</summary>
public sealed record Setting(string Key, string Help, Action<EngineConfig, string> Write, Func<EngineConfig, string> Read);
