namespace HlScalper.Protocol.Signing;

/// <summary>EIP-712 constants and encoding for the phantom-agent (L1) scheme, computed once at start.</summary>
public static class Eip712
{
    /// <summary>keccak256 of the EIP712Domain type string.</summary>
    public static readonly Bytes32 DomainTypeHash = HashText("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// <summary>keccak256 of the Agent type string.</summary>
    public static readonly Bytes32 AgentTypeHash = HashText("Agent(string source,bytes32 connectionId)");

    /// <summary>Domain separator of <c>{Exchange, 1, 1337, 0x0}</c>, the same on mainnet and testnet.</summary>
    public static readonly Bytes32 ExchangeDomainSeparator = DomainSeparator("Exchange", 1337);

    private static readonly Bytes32 SourceMainnet = HashText("a");
    private static readonly Bytes32 SourceTestnet = HashText("b");

    /// <summary>keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(Agent{source, connectionId})): the 32 bytes an L1 action signs.</summary>
    public static void PhantomAgentDigest(Keccak256 keccak, ReadOnlySpan<byte> connectionId, bool isMainnet, Span<byte> structHash, Span<byte> digest)
    {
        Span<byte> buffer = stackalloc byte[3 * 32];
        AgentTypeHash[..].CopyTo(buffer);
        if (isMainnet) SourceMainnet[..].CopyTo(buffer[32..]);
        else SourceTestnet[..].CopyTo(buffer[32..]);
        connectionId.CopyTo(buffer[64..]);
        keccak.Hash(buffer, structHash);
        TypedDataDigest(keccak, ExchangeDomainSeparator, structHash, digest);
    }

    /// <summary>keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash).</summary>
    public static void TypedDataDigest(Keccak256 keccak, ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> structHash, Span<byte> digest)
    {
        Span<byte> buffer = stackalloc byte[2 + 32 + 32];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.CopyTo(buffer[2..]);
        structHash.CopyTo(buffer[34..]);
        keccak.Hash(buffer, digest);
    }

    /// <summary>The separator of a domain <c>{name, "1", chainId, 0x0}</c>, as both Hyperliquid schemes use.</summary>
    public static Bytes32 DomainSeparator(string name, ulong chainId)
    {
        var keccak = new Keccak256();
        Span<byte> buffer = stackalloc byte[5 * 32];
        buffer.Clear();
        DomainTypeHash[..].CopyTo(buffer);
        keccak.Hash(System.Text.Encoding.UTF8.GetBytes(name), buffer[32..64]);
        keccak.Hash("1"u8, buffer[64..96]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(buffer[120..128], chainId);
        return keccak.Hash(buffer);
    }

    public static Bytes32 HashText(string text) => new Keccak256().Hash(System.Text.Encoding.UTF8.GetBytes(text));
}
