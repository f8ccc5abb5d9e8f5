using System.Text.Json.Nodes;
using HlScalper.Cli;

namespace HlScalper.Cli.Tests;

/// <summary><c>hlscalper sign verify</c> end to end: all vectors pass, a tampered one names its first differing field and exits 1.</summary>
public class SignCommandTests
{
    [Test]
    public async Task All_shared_vector_files_pass()
    {
        var files = new[] { "python", "rust", "ts" }.Select(n => SharedData.PathOf($"vectors/signing-{n}-sdk.json")).ToArray();
        var (exit, output) = await Run(["sign", "verify", .. files]);
        Assert.That(output, Does.Contain("185 passed, 0 failed").And.StartWith("signer: "));
        Assert.That(exit, Is.EqualTo(0));
    }

    [Test]
    public async Task A_tampered_case_is_reported_with_its_first_differing_field_and_exit_1()
    {
        var original = JsonNode.Parse(File.ReadAllText(SharedData.PathOf("vectors/signing-ts-sdk.json")))!;
        var cases = original["cases"]!.AsArray();
        var first = cases[0]!;
        first["signature"]!["v"] = first["signature"]!["v"]!.GetValue<int>() == 27 ? 28 : 27;
        while (cases.Count > 3) cases.RemoveAt(cases.Count - 1);
        var path = Path.Combine(Path.GetTempPath(), $"vectors-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, original.ToJsonString());
        try
        {
            var (exit, output) = await Run(["sign", "verify", "--signer", "managed", path]);
            Assert.That(output, Does.Contain("FAIL").And.Contain("dev-000: signature differs").And.Contain("2 passed, 1 failed"));
            Assert.That(exit, Is.EqualTo(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Missing_files_and_a_missing_subverb_are_errors()
    {
        var (missing, output) = await Run(["sign", "verify", "/nonexistent/vectors.json"]);
        Assert.That(missing, Is.EqualTo(1));
        Assert.That(output, Does.Contain("cannot read vectors").And.Contain("0 passed, 1 failed"));
        var (usage, _) = await Run(["sign", "check"]);
        Assert.That(usage, Is.EqualTo(2));
    }

    [Test]
    public async Task Sign_key_shows_the_addresses_of_the_dotenv_key_and_never_the_key()
    {
        Assume.That(Environment.GetEnvironmentVariable("HL_PK"), Is.Null.Or.Empty, "HL_PK in the environment would override the test's .env");
        const string key = "0x0123456789012345678901234567890123456789012345678901234567890123";
        var good = Path.Combine(Path.GetTempPath(), $"good-{Guid.NewGuid():N}.env");
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.env");
        await File.WriteAllTextAsync(good, $"HL_PK={key}\n");
        await File.WriteAllTextAsync(bad, $"HL_PK={key[..^1]}\n");
        try
        {
            var (ok, output) = await Run(["sign", "key", "--env", good]);
            var (failed, error) = await Run(["sign", "key", "--env", bad]);

            Assert.That(ok, Is.EqualTo(0));
            Assert.That(output, Does.StartWith("signer: ").And.Contain("signing address 0x14791697260e4c9a71f18484c9f997b308e59325").And.Contain("vault           (none)"));
            Assert.That(failed, Is.EqualTo(1));
            Assert.That(error, Does.Contain("HL_PK is malformed"));
            Assert.That(output + error, Does.Not.Contain(key[2..20]));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }

    /// <summary>Runs the CLI in process and returns its exit code with stdout followed by stderr.</summary>
    private static async Task<(int Exit, string Output)> Run(string[] args)
    {
        var (exit, stdout, stderr) = await CliRun.Run(args);
        return (exit, stdout + stderr);
    }
}
