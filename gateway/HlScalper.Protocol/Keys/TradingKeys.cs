using System.Collections;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Keys;

/// <summary>The signing key and the addresses it trades for: <c>HL_PK</c> (agent or main key), <c>HL_ACCOUNT</c> (the account when HL_PK is an agent), <c>HL_VAULT</c> (optional).</summary>
/// <remarks>Settings come from the environment first, then a <c>.env</c> file. The key never appears in <see cref="ToString"/> or in an error message.</remarks>
public sealed class TradingKeys : IDisposable
{
    public const string KeyVariable = "HL_PK";
    public const string AccountVariable = "HL_ACCOUNT";
    public const string VaultVariable = "HL_VAULT";

    private TradingKeys(IDigestSigner signer, EthAddress account, EthAddress? vault)
    {
        Signer = signer;
        Account = account;
        Vault = vault;
    }

    public IDigestSigner Signer { get; }

    /// <summary>The account whose orders and state these are: <c>HL_ACCOUNT</c>, or the key's own address.</summary>
    public EthAddress Account { get; }

    public EthAddress? Vault { get; }

    /// <summary>The address the exchange sees as signer (the agent when trading through one); nonces are unique per this address.</summary>
    public EthAddress SignerAddress => Signer.Address;

    /// <summary>Loads from the process environment, then <paramref name="dotEnvPath"/> when it exists.</summary>
    public static TradingKeys Load(string? dotEnvPath = ".env", Func<byte[], IDigestSigner>? createSigner = null)
    {
        var settings = dotEnvPath is not null && File.Exists(dotEnvPath) ? DotEnv.Load(dotEnvPath) : new Dictionary<string, string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string name && entry.Value is string value && value.Length > 0) settings[name] = value;
        return FromSettings(settings, createSigner);
    }

    public static TradingKeys FromSettings(IReadOnlyDictionary<string, string> settings, Func<byte[], IDigestSigner>? createSigner = null)
    {
        if (!settings.TryGetValue(KeyVariable, out var keyText) || keyText.Length == 0)
            throw new KeyFormatException($"{KeyVariable} is not set (environment or .env): the agent or main private key, 0x + 64 hex digits");
        var key = new byte[32];
        try
        {
            if (!Hex.TryParse(keyText.Trim(), key))
                throw new KeyFormatException($"{KeyVariable} is malformed: expected 0x + 64 hex digits, got {keyText.Trim().Length} characters");
            if (!Secp256k1Curve.IsValidPrivateKey(key))
                throw new KeyFormatException($"{KeyVariable} is not a valid secp256k1 private key (zero or not below the curve order)");
            var signer = (createSigner ?? (k => Signers.Create(k)))(key);
            var account = Address(settings, AccountVariable) ?? signer.Address;
            return new TradingKeys(signer, account, Address(settings, VaultVariable));
        }
        finally
        {
            Array.Clear(key);
        }
    }

    public void Dispose() => Signer.Dispose();

    public override string ToString() =>
        $"signer {SignerAddress} ({Signer.Name}), account {Account}" + (Vault is { } v ? $", vault {v}" : "");

    private static EthAddress? Address(IReadOnlyDictionary<string, string> settings, string name)
    {
        if (!settings.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) return null;
        return EthAddress.TryParse(text.Trim(), out var address)
            ? address
            : throw new KeyFormatException($"{name} is malformed: expected 0x + 40 hex digits");
    }
}
