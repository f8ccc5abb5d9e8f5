using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Tests;

/// <summary>Keys from settings and .env files: addresses derived, agents mapped to accounts, malformed keys rejected without echo.</summary>
public class TradingKeysTests
{
    // The Python SDK's throwaway test key and its address (signing-python-sdk.json).
    private const string TestKey = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private const string TestAddress = "0x14791697260e4c9a71f18484c9f997b308e59325";

    [Test]
    public void A_main_key_trades_for_its_own_address()
    {
        using var keys = TradingKeys.FromSettings(new Dictionary<string, string> { ["HL_PK"] = TestKey });
        Assert.That(keys.Account.ToString(), Is.EqualTo(TestAddress));
        Assert.That(keys.SignerAddress.ToString(), Is.EqualTo(TestAddress));
        Assert.That(keys.Vault, Is.Null);
        Assert.That(keys.ToString(), Does.Not.Contain(TestKey[2..]));
    }

    [Test]
    public void An_agent_key_trades_for_HL_ACCOUNT_and_HL_VAULT_from_a_dotenv_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hl-{Guid.NewGuid():N}.env");
        File.WriteAllLines(path, ["# test", $"export HL_PK=\"{TestKey}\"", "HL_ACCOUNT=0x1D9470D4B963F552E6F671A81619D395877BF409", "HL_VAULT = 0x1719884eb866cb12b2287399b15f7db5e7d775ea"]);
        try
        {
            using var keys = TradingKeys.FromSettings(DotEnv.Load(path), k => new NethereumSigner(k));
            Assert.That(keys.SignerAddress.ToString(), Is.EqualTo(TestAddress));
            Assert.That(keys.Account.ToString(), Is.EqualTo("0x1d9470d4b963f552e6f671a81619d395877bf409"));
            Assert.That(keys.Vault.ToString(), Is.EqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea"));
            Assert.That(keys.Signer.Name, Is.EqualTo("Nethereum"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("0x0123456789012345678901234567890123456789012345678901234567890", "64 hex digits")]
    [TestCase("0x012345678901234567890123456789012345678901234567890123456789012z", "64 hex digits")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000000", "not a valid secp256k1 private key")]
    [TestCase("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", "not a valid secp256k1 private key")]
    public void A_malformed_key_is_a_clear_error_that_does_not_echo_it(string key, string reason)
    {
        var error = Assert.Throws<KeyFormatException>(() => TradingKeys.FromSettings(new Dictionary<string, string> { ["HL_PK"] = key }));
        Assert.That(error!.Message, Does.Contain("HL_PK").And.Contain(reason));
        Assert.That(error.Message, Does.Not.Contain(key[2..12]));
    }

    [Test]
    public void A_missing_key_and_a_bad_account_are_named()
    {
        Assert.That(() => TradingKeys.FromSettings(new Dictionary<string, string>()), Throws.TypeOf<KeyFormatException>().With.Message.Contains("HL_PK is not set"));
        Assert.That(() => TradingKeys.FromSettings(new Dictionary<string, string> { ["HL_PK"] = TestKey, ["HL_ACCOUNT"] = "0x1234" }),
            Throws.TypeOf<KeyFormatException>().With.Message.Contains("HL_ACCOUNT is malformed"));
    }

    [Test]
    public void A_dotenv_line_without_a_name_is_reported_by_line_number_only()
    {
        var error = Assert.Throws<KeyFormatException>(() => DotEnv.Parse(["HL_VAULT=", TestKey]));
        Assert.That(error!.Message, Does.Contain("line 2").And.Not.Contain(TestKey[2..12]));
    }
}
