namespace HlScalper.Live.Log;

/// <summary>Where the live run's structured lines go (stdout or <c>--log FILE</c>): one line per call, whole lines only, from any thread.</summary>
public sealed class LiveLog(TextWriter writer) : IDisposable
{
    private readonly Lock _lock = new();

    public void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock) writer.Flush();
        if (writer != Console.Out) writer.Dispose();
    }
}
