using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary>Where a <c>live</c> or <c>sim</c> process started with <c>--metrics-port 0</c> serves its metrics (the line it prints on stderr).</summary>
public static partial class MetricsAddress
{
    public static async Task<Uri> Of(CliProcess process) =>
        new((await process.WaitForLine(Printed(), TimeSpan.FromSeconds(60))).Groups[1].Value);

    [GeneratedRegex(@"^! \w+: metrics at (http://127\.0\.0\.1:\d+/metrics)")]
    private static partial Regex Printed();
}
