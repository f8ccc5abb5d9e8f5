using System.Buffers.Binary;
using System.Text;

namespace HlScalper.Protocol.Signing;

/// <summary>A user-signed action (§13: transfers, withdrawals, agent approval): EIP-712 typed data under the <c>HyperliquidSignTransaction</c> domain, no msgpack.</summary>
public sealed class UserSignedAction
{
    private const string DomainName = "HyperliquidSignTransaction";

    private readonly (string Name, string Type, object Value)[] _fields;

    private UserSignedAction(string primaryType, ulong signatureChainId, (string Name, string Type, object Value)[] fields)
    {
        PrimaryType = primaryType;
        SignatureChainId = signatureChainId;
        _fields = fields;
    }

    /// <summary>"HyperliquidTransaction:UsdSend" and so on.</summary>
    public string PrimaryType { get; }

    /// <summary>The EVM chain id the domain uses (0x66eee = 421614 in the SDK tests, 0xa4b1 on Arbitrum).</summary>
    public ulong SignatureChainId { get; }

    public static UserSignedAction UsdSend(bool isMainnet, string destination, string amount, ulong time, ulong signatureChainId) =>
        new("HyperliquidTransaction:UsdSend", signatureChainId,
            [("hyperliquidChain", "string", Chain(isMainnet)), ("destination", "string", destination), ("amount", "string", amount), ("time", "uint64", time)]);

    public static UserSignedAction Withdraw(bool isMainnet, string destination, string amount, ulong time, ulong signatureChainId) =>
        new("HyperliquidTransaction:Withdraw", signatureChainId,
            [("hyperliquidChain", "string", Chain(isMainnet)), ("destination", "string", destination), ("amount", "string", amount), ("time", "uint64", time)]);

    /// <summary>Approves an agent (API wallet); an unnamed agent is signed with an empty name.</summary>
    public static UserSignedAction ApproveAgent(bool isMainnet, EthAddress agent, string agentName, ulong nonce, ulong signatureChainId) =>
        new("HyperliquidTransaction:ApproveAgent", signatureChainId,
            [("hyperliquidChain", "string", Chain(isMainnet)), ("agentAddress", "address", agent), ("agentName", "string", agentName), ("nonce", "uint64", nonce)]);

    /// <summary>The EIP-712 type string, e.g. <c>HyperliquidTransaction:UsdSend(string hyperliquidChain,…,uint64 time)</c>.</summary>
    public string TypeString => $"{PrimaryType}({string.Join(',', _fields.Select(f => $"{f.Type} {f.Name}"))})";

    /// <summary>keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)).</summary>
    public Bytes32 Digest()
    {
        var keccak = new Keccak256();
        var encoded = new byte[32 * (1 + _fields.Length)];
        keccak.Hash(Encoding.UTF8.GetBytes(TypeString), encoded.AsSpan(0, 32));
        for (var i = 0; i < _fields.Length; i++)
        {
            var slot = encoded.AsSpan(32 * (i + 1), 32);
            switch (_fields[i].Value)
            {
                // Strings are hashed verbatim: a mixed-case address typed `string` hashes differently from its lower-case form.
                case string text:
                    keccak.Hash(Encoding.UTF8.GetBytes(text), slot);
                    break;
                case ulong number:
                    BinaryPrimitives.WriteUInt64BigEndian(slot[24..], number);
                    break;
                case EthAddress address:
                    address.CopyTo(slot[12..]);
                    break;
            }
        }
        var structHash = keccak.Hash(encoded);
        var domain = Eip712.DomainSeparator(DomainName, SignatureChainId);
        var digest = default(Bytes32);
        Eip712.TypedDataDigest(keccak, domain, structHash, digest);
        return digest;
    }

    public void Sign(IDigestSigner signer, out EcdsaSignature signature)
    {
        var digest = Digest();
        signer.Sign(digest, out signature);
    }

    private static string Chain(bool isMainnet) => isMainnet ? "Mainnet" : "Testnet";
}
