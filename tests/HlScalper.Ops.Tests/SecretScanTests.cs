using System.Security.Cryptography;

namespace HlScalper.Ops.Tests;

/// <summary>The secret scan of <c>.ci/run</c>: secretlint's recommended preset plus the HL_PK pattern, with the test keys allowed by name.</summary>
public sealed class SecretScanTests
{
    /// <summary>The signing-vector key the tests sign with; listed in <c>.secretlintrc.json</c>.</summary>
    private const string AllowedTestKey = "0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df";

    [Test]
    public void The_tracked_tree_passes_the_scan()
    {
        SecretScan.Require();
        var files = SecretScan.TrackedFiles();
        var (code, output) = SecretScan.Run(SharedData.RepositoryRoot, files);
        Assert.That(code, Is.Zero, output);
        Assert.That(files, Has.Length.GreaterThan(100), "the scan saw the whole tree");
    }

    [Test]
    public void A_planted_trading_key_in_a_dotenv_file_fails_the_scan_without_printing_the_key()
    {
        SecretScan.Require();
        using var dir = new TempDirectory();
        var key = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(dir.File(".env"), $"HL_PK={key}\n");
        var (code, output) = SecretScan.Run(dir.Path, [".env"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("secretlint-rule-pattern"));
            Assert.That(output, Does.Not.Contain(key[2..]), "the report masks the key");
        });
    }

    [Test]
    public void A_planted_pem_private_key_fails_the_scan_by_the_recommended_preset()
    {
        SecretScan.Require();
        using var dir = new TempDirectory();
        using var rsa = RSA.Create(2048);
        File.WriteAllText(dir.File("deploy.txt"), rsa.ExportRSAPrivateKeyPem());
        var (code, output) = SecretScan.Run(dir.Path, ["deploy.txt"]);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("secretlint-rule-privatekey"));
    }

    [Test]
    public void Only_the_listed_test_key_is_allowed_one_changed_digit_fails()
    {
        SecretScan.Require();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("allowed.cs"), $"const string Key = \"{AllowedTestKey}\";\n");
        File.WriteAllText(dir.File("changed.cs"), $"const string Key = \"{AllowedTestKey[..^1]}e\";\n");
        var allowed = SecretScan.Run(dir.Path, ["allowed.cs"]);
        var changed = SecretScan.Run(dir.Path, ["changed.cs"]);
        Assert.Multiple(() =>
        {
            Assert.That(allowed.ExitCode, Is.Zero, allowed.Output);
            Assert.That(changed.ExitCode, Is.EqualTo(1), changed.Output);
        });
    }
}
