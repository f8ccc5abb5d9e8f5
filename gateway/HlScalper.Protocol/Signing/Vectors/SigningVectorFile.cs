using System.Text.Json;

namespace HlScalper.Protocol.Signing.Vectors;

/// <summary>Reads the vector files of <c>../shared/vectors/</c> (Python, Rust and TS SDK layouts) into <see cref="SigningVector"/>s; a file in none of them is a <see cref="FormatException"/>.</summary>
public static class SigningVectorFile
{
    public const string Msgpack = "msgpack";
    public const string Preimage = "connectionIdPreimage";
    public const string ConnectionId = "connectionId";
    public const string AgentStructHash = "agentStructHash";
    public const string Digest = "eip712Digest";
    public const string Signature = "signature";
    public const string RequestBody = "requestBody";

    /// <summary>The fields in the order they are compared, so a failure names the first step that went wrong.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } = [Msgpack, Preimage, ConnectionId, AgentStructHash, Digest, Signature, RequestBody];

    public static List<SigningVector> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("privateKey", out var keyText))
            throw new FormatException($"{path}: not a signing vectors file (no privateKey)");
        var key = Hex.Parse(keyText.GetString()!);
        var vectors = new List<SigningVector>();
        if (root.TryGetProperty("cases", out var cases)) vectors.AddRange(cases.EnumerateArray().Select(c => TsCase(c, key)));
        if (root.TryGetProperty("vectors", out var list))
            foreach (var v in list.EnumerateArray()) vectors.AddRange(SdkVector(v, key));
        if (root.TryGetProperty("userSigned", out var userSigned))
            foreach (var v in userSigned.EnumerateArray()) vectors.Add(UserSignedVector(v, key));
        if (vectors.Count == 0) throw new FormatException($"{path}: no cases, vectors or userSigned entries");
        return vectors;
    }

    private static SigningVector TsCase(JsonElement c, byte[] key)
    {
        var expected = new Dictionary<string, string>
        {
            [Msgpack] = Str(c, "msgpackHex"),
            [Preimage] = Str(c, "connectionIdPreimageHex"),
            [ConnectionId] = Str(c, "connectionId"),
            [AgentStructHash] = Str(c, "agentStructHash"),
            [Digest] = Str(c, "eip712Digest"),
            [Signature] = SignatureText(c.GetProperty("signature")),
            [RequestBody] = Str(c, "requestBody"),
        };
        return new SigningVector(Str(c, "id"), VectorKind.L1, key, c.GetProperty("isMainnet").GetBoolean(), ActionOf(c),
            c.GetProperty("nonce").GetInt64(), Vault(c), Expires(c), expected);
    }

    /// <summary>A Python or Rust vector: one check per network it asserts.</summary>
    private static IEnumerable<SigningVector> SdkVector(JsonElement v, byte[] key)
    {
        var name = Str(v, "test");
        var kind = Str(v, "kind");
        if (kind == "user-signed")
        {
            yield return UserSignedVector(v, key);
            yield break;
        }
        if (kind == "connectionId-only")
        {
            var derived = v.GetProperty("derived").GetProperty("mainnet");
            yield return new SigningVector(name, VectorKind.L1, key, true, ActionOf(v), v.GetProperty("nonce").GetInt64(), Vault(v), Expires(v),
                new Dictionary<string, string> { [ConnectionId] = Str(v.GetProperty("expected"), "connectionId"), [Msgpack] = Str(derived, "msgpackHex"), [Preimage] = Str(derived, "connectionIdPreimageHex") });
            yield break;
        }
        foreach (var network in new[] { "mainnet", "testnet" })
        {
            var isMainnet = network == "mainnet";
            var signature = SdkSignature(v, network);
            if (kind == "connectionId->signature")
            {
                yield return new SigningVector($"{name} [{network}]", VectorKind.ConnectionId, key, isMainnet, v.GetProperty("connectionId"), 0, null, null,
                    new Dictionary<string, string> { [Signature] = signature });
                continue;
            }
            if (kind != "l1") throw new FormatException($"{name}: unknown vector kind '{kind}'");
            var expected = new Dictionary<string, string> { [Signature] = signature };
            if (v.TryGetProperty("derived", out var derived) && derived.TryGetProperty(network, out var d))
            {
                expected[Msgpack] = Str(d, "msgpackHex");
                expected[Preimage] = Str(d, "connectionIdPreimageHex");
                expected[ConnectionId] = Str(d, "connectionId");
                expected[AgentStructHash] = Str(d, "agentStructHash");
                expected[Digest] = Str(d, "eip712Digest");
            }
            yield return new SigningVector($"{name} [{network}]", VectorKind.L1, key, isMainnet, ActionOf(v), v.GetProperty("nonce").GetInt64(), Vault(v), Expires(v), expected);
        }
    }

    private static SigningVector UserSignedVector(JsonElement v, byte[] key)
    {
        var signature = v.TryGetProperty("expectedRsv", out var rsv) ? SignatureText(rsv)
            : SignatureText(v.TryGetProperty("expectedPadded", out var padded) ? padded : v.GetProperty("expected"));
        var expected = new Dictionary<string, string> { [Signature] = signature };
        if (v.TryGetProperty("derived", out var derived) && derived.TryGetProperty("eip712Digest", out var digest)) expected[Digest] = digest.GetString()!;
        var isMainnet = v.GetProperty("message").GetProperty("hyperliquidChain").GetString() == "Mainnet";
        return new SigningVector(Str(v, "test"), VectorKind.UserSigned, key, isMainnet, v, 0, null, null, expected);
    }

    private static string SdkSignature(JsonElement v, string network)
    {
        if (v.TryGetProperty("expectedRsv", out var rsv)) return SignatureText(rsv.GetProperty(network));
        return SignatureText(v.GetProperty("expectedPadded").GetProperty(network));
    }

    /// <summary>The canonical text a signature is compared as: padded lower-case r and s, then v.</summary>
    public static string SignatureText(JsonElement rsv) =>
        SignatureText(Hex.Parse(PadHex(Str(rsv, "r"))), Hex.Parse(PadHex(Str(rsv, "s"))), rsv.GetProperty("v").GetInt32());

    public static string SignatureText(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int v) =>
        $"r={Hex.ToPrefixedString(r)} s={Hex.ToPrefixedString(s)} v={v}";

    private static string PadHex(string hex) => "0x" + (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex).PadLeft(64, '0');

    private static JsonElement ActionOf(JsonElement v)
    {
        // actionJson keeps the wire key order whatever JSON library wrote the file; prefer it.
        if (v.TryGetProperty("actionJson", out var text))
        {
            using var document = JsonDocument.Parse(text.GetString()!);
            return document.RootElement.Clone();
        }
        return v.GetProperty("action");
    }

    private static EthAddress? Vault(JsonElement v) =>
        v.TryGetProperty("vaultAddress", out var vault) && vault.ValueKind == JsonValueKind.String ? EthAddress.Parse(vault.GetString()!) : null;

    private static long? Expires(JsonElement v) =>
        v.TryGetProperty("expiresAfter", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : null;

    private static string Str(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"missing string field '{name}'");
}
