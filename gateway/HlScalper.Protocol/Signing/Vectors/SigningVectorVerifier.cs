using System.Text;
using System.Text.Json;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Signing.Vectors;

/// <summary>Recomputes a vector through the production path (typed action → msgpack → connectionId → digest → signer → request writer) and compares every field it asserts.</summary>
public sealed class SigningVectorVerifier(Func<byte[], IDigestSigner> createSigner)
{
    private readonly L1ActionHasher _hasher = new();
    private readonly ExchangeRequestWriter _requests = new();

    public VectorResult Verify(SigningVector vector)
    {
        Dictionary<string, string> actual;
        try
        {
            using var signer = createSigner(vector.PrivateKey);
            actual = vector.Kind switch
            {
                VectorKind.L1 => L1(vector, signer),
                VectorKind.ConnectionId => FromConnectionId(vector, signer),
                _ => UserSigned(vector, signer),
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return new VectorResult(vector.Name, "input", "a valid case", e.Message);
        }
        foreach (var field in SigningVectorFile.FieldOrder)
        {
            if (!vector.Expected.TryGetValue(field, out var expected)) continue;
            actual.TryGetValue(field, out var got);
            var equal = field == SigningVectorFile.RequestBody ? expected == got : string.Equals(expected, got, StringComparison.OrdinalIgnoreCase);
            if (!equal) return new VectorResult(vector.Name, field, expected, got ?? "(not computed)");
        }
        return new VectorResult(vector.Name, null, null, null);
    }

    private Dictionary<string, string> L1(SigningVector vector, IDigestSigner signer)
    {
        var action = ActionJsonParser.Parse(vector.Input);
        Span<byte> connectionId = stackalloc byte[32];
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        _hasher.ConnectionId(action, vector.Nonce, vector.Vault, vector.ExpiresAfter, connectionId);
        Eip712.PhantomAgentDigest(_hasher.Keccak, connectionId, vector.IsMainnet, structHash, digest);
        signer.Sign(digest, out var signature);
        return new Dictionary<string, string>
        {
            [SigningVectorFile.Msgpack] = Hex.ToPrefixedString(_hasher.Msgpack),
            [SigningVectorFile.Preimage] = Hex.ToPrefixedString(_hasher.Preimage),
            [SigningVectorFile.ConnectionId] = Hex.ToPrefixedString(connectionId),
            [SigningVectorFile.AgentStructHash] = Hex.ToPrefixedString(structHash),
            [SigningVectorFile.Digest] = Hex.ToPrefixedString(digest),
            [SigningVectorFile.Signature] = SigningVectorFile.SignatureText(signature.R, signature.S, signature.V),
            [SigningVectorFile.RequestBody] = Encoding.UTF8.GetString(_requests.WriteBody(action, vector.Nonce, signature, vector.Vault, vector.ExpiresAfter)),
        };
    }

    private Dictionary<string, string> FromConnectionId(SigningVector vector, IDigestSigner signer)
    {
        var connectionId = Hex.Parse(vector.Input.GetString()!);
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.PhantomAgentDigest(_hasher.Keccak, connectionId, vector.IsMainnet, structHash, digest);
        signer.Sign(digest, out var signature);
        return new Dictionary<string, string> { [SigningVectorFile.Signature] = SigningVectorFile.SignatureText(signature.R, signature.S, signature.V) };
    }

    private static Dictionary<string, string> UserSigned(SigningVector vector, IDigestSigner signer)
    {
        var action = ParseUserSigned(vector.Input);
        var digest = action.Digest();
        signer.Sign(digest, out var signature);
        return new Dictionary<string, string>
        {
            [SigningVectorFile.Digest] = digest.ToString(),
            [SigningVectorFile.Signature] = SigningVectorFile.SignatureText(signature.R, signature.S, signature.V),
        };
    }

    /// <summary>Builds the typed user-signed action a vector describes, from its primary type and message.</summary>
    public static UserSignedAction ParseUserSigned(JsonElement vector)
    {
        var message = vector.GetProperty("message");
        var isMainnet = message.GetProperty("hyperliquidChain").GetString() == "Mainnet";
        var chainId = vector.GetProperty("domain").GetProperty("chainId").GetUInt64();
        return vector.GetProperty("primaryType").GetString() switch
        {
            "HyperliquidTransaction:UsdSend" => UserSignedAction.UsdSend(isMainnet, message.GetProperty("destination").GetString()!, message.GetProperty("amount").GetString()!, message.GetProperty("time").GetUInt64(), chainId),
            "HyperliquidTransaction:Withdraw" => UserSignedAction.Withdraw(isMainnet, message.GetProperty("destination").GetString()!, message.GetProperty("amount").GetString()!, message.GetProperty("time").GetUInt64(), chainId),
            "HyperliquidTransaction:ApproveAgent" => UserSignedAction.ApproveAgent(isMainnet, EthAddress.Parse(message.GetProperty("agentAddress").GetString()!), message.GetProperty("agentName").GetString()!, message.GetProperty("nonce").GetUInt64(), chainId),
            var other => throw new FormatException($"unsupported user-signed type '{other}'"),
        };
    }
}
