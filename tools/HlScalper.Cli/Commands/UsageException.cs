namespace HlScalper.Cli.Commands;

/// <summary>A usage error the parser cannot see (options that exclude each other, a value checked against data): reported like a parse error, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
