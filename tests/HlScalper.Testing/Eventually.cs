namespace HlScalper.Testing;

/// <summary>Waits for a condition that another thread makes true; fails with a description if it never does (a generous limit, not a timing assertion).</summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
