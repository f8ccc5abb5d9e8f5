using System.Diagnostics;

namespace HlScalper.Testing;

/// <summary>Waits for a condition that another thread or process makes true; fails with a description if it never does (a generous limit, not a timing assertion).</summary>
/// <remarks>For state that gives no signal when it changes (a counter, another process's HTTP state): it is read again every
/// <see cref="PollMs"/> until it holds. Never for proving that something did not happen.</remarks>
public static class Eventually
{
    private const int PollMs = 20;

    public static Task Until(Func<bool> condition, string what, int timeoutMs = 20_000) =>
        Until(() => Task.FromResult(condition()), what, TimeSpan.FromMilliseconds(timeoutMs));

    /// <param name="state">What the failure message adds: the state seen last, a process's output.</param>
    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<string>? state = null) =>
        Value(condition, done => done, what, timeout, state is null ? null : _ => state());

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds for what it returns; returns that value.</summary>
    /// <param name="state">What the failure message adds, given the value read last.</param>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout, Func<T, string>? state = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (Stopwatch.GetTimestamp() > deadline) Assert.Fail($"timed out waiting for: {what}" + (state is null ? "" : "\n" + state(value)));
            await Task.Delay(PollMs);
        }
    }
}
