using System.Text.Json;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.LocalExchange.Requests;

/// <summary>One <c>/exchange</c> body as the exchange reads it: the typed action, nonce, optional vault and expiry, and the address its signature recovers to.</summary>
/// <param name="Signer">The recovered signer; null when the signature recovers no address.</param>
public sealed record SignedActionRequest(ExchangeAction Action, long Nonce, EthAddress? Vault, long? ExpiresAfter, EthAddress? Signer)
{
    /// <summary>Parses a body and recovers its signer by re-hashing the typed action (§11), as the exchange does.</summary>
    /// <exception cref="FormatException">The body is not JSON, or a field is missing or malformed (the message names it).</exception>
    public static SignedActionRequest Parse(ReadOnlySpan<byte> body, bool isMainnet, L1ActionHasher hasher)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the body is not a JSON object");
            var action = ActionJsonParser.Parse(Field(root, "action"));
            var nonce = Field(root, "nonce") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) && value >= 0
                ? value
                : throw new FormatException("'nonce' is not an unsigned integer");
            var vault = OptionalAddress(root, "vaultAddress");
            long? expires = root.TryGetProperty("expiresAfter", out var x) && x.ValueKind != JsonValueKind.Null
                ? x.TryGetInt64(out var e) ? e : throw new FormatException("'expiresAfter' is not an integer")
                : null;
            var signature = ReadSignature(Field(root, "signature"));
            Span<byte> digest = stackalloc byte[32];
            hasher.Digest(action, nonce, vault, expires, isMainnet, digest);
            return new SignedActionRequest(action, nonce, vault, expires, Secp256k1Curve.Recover(digest, signature));
        }
    }

    private static EcdsaSignature ReadSignature(JsonElement sig)
    {
        var v = Field(sig, "v");
        return new EcdsaSignature
        {
            R = Word(sig, "r"),
            S = Word(sig, "s"),
            V = v.ValueKind == JsonValueKind.Number && v.TryGetByte(out var b) ? b : throw new FormatException("'signature.v' is not 27 or 28"),
        };
    }

    // Python prints r and s without leading zeros: left-pad to 32 bytes.
    private static Bytes32 Word(JsonElement sig, string name)
    {
        var text = Field(sig, name) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : throw new FormatException($"'signature.{name}' is not a string");
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length is 0 or > 64) throw new FormatException($"'signature.{name}' is not 0x + up to 64 hex digits");
        Span<byte> bytes = stackalloc byte[32];
        return Hex.TryParse(digits.PadLeft(64, '0'), bytes) ? Bytes32.From(bytes) : throw new FormatException($"'signature.{name}' is not hex");
    }

    private static EthAddress? OptionalAddress(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String && EthAddress.TryParse(value.GetString(), out var address)
            ? address
            : throw new FormatException($"'{name}' is not an address (0x + 40 hex digits)");
    }

    private static JsonElement Field(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : throw new FormatException($"missing field '{name}'");
}
