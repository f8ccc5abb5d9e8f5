namespace HlScalper.Archive;

/// <summary>A failure no retry can fix and that every other file would meet too (refused credentials, wrong region): the fetch stops with this message.</summary>
public sealed class ArchiveAccessException(string message, Exception? inner = null) : Exception(message, inner);
