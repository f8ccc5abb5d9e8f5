using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Tests;

/// <summary>User-signed actions beyond the vectors: the agent approval the engine needs, typed as §13 lists it and recovering to the master key.</summary>
public class UserSignedActionTests
{
    private static readonly byte[] Master = Hex.Parse("0x0123456789012345678901234567890123456789012345678901234567890123");

    [Test]
    public void Approve_agent_has_the_documented_type_and_recovers_to_the_master()
    {
        var agent = EthAddress.Parse("0x8f09e17eF40239d74759BEc5ed9cfe12C2529cC5");
        var approval = UserSignedAction.ApproveAgent(isMainnet: true, agent, "bot1", 1_715_000_000_000, 0xa4b1);
        using var signer = new NethereumSigner(Master);

        approval.Sign(signer, out var signature);

        Assert.That(approval.TypeString, Is.EqualTo("HyperliquidTransaction:ApproveAgent(string hyperliquidChain,address agentAddress,string agentName,uint64 nonce)"));
        var digest = approval.Digest();
        Assert.That(Secp256k1Curve.Recover(digest, signature), Is.EqualTo(signer.Address));
        var other = UserSignedAction.ApproveAgent(isMainnet: false, agent, "bot1", 1_715_000_000_000, 0xa4b1);
        Assert.That(other.Digest().ToString(), Is.Not.EqualTo(approval.Digest().ToString()), "the chain name is part of the hash");
    }
}
