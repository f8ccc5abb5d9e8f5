using System.Globalization;
using System.Text.RegularExpressions;
using HlScalper.Protocol.Signing;

namespace HlScalper.EndToEnd.Tests;

/// <summary><c>hlscalper live</c> as a child process trading against a <see cref="SimProcess"/> with a throwaway key.</summary>
public static partial class LiveProcess
{
    /// <summary>A fixed test key (never funded anywhere): the sim opens a paper account for its address.</summary>
    public const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /// <summary>The address <see cref="Key"/> signs as, in the sim's lower-case form.</summary>
    public static string Address { get; } = AddressOf(Key);

    /// <summary>Strategy settings that make the built-in market trade every few seconds: sizing pinned to the prior, since the Kelly sizer would otherwise stop after the first fee-losing trade.</summary>
    public static readonly string[] Trading = ["--set", "prior_n=1000000"];

    public static CliProcess Start(SimProcess sim, string name, params string[] args) =>
        CliProcess.Start(name, ["live", "--api", sim.Api.ToString().TrimEnd('/'), "--ws", sim.WebSocket.ToString(), "--coin", "BTC", .. args],
            new Dictionary<string, string> { ["HL_PK"] = Key });

    /// <summary>The key=value pairs of the <c>summary:</c> line.</summary>
    public static async Task<Dictionary<string, double>> Summary(CliProcess live)
    {
        var match = await live.WaitForLine(SummaryLine(), TimeSpan.FromSeconds(30));
        return Pairs().Matches(match.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string AddressOf(string key)
    {
        using var signer = Signers.Create(Convert.FromHexString(key[2..]));
        return signer.Address.ToString().ToLowerInvariant();
    }

    [GeneratedRegex(@"^summary: (.*)$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"(\w+)=(-?[\d.]+)")]
    private static partial Regex Pairs();
}
