namespace HlScalper.Protocol.Signing.Vectors;

/// <summary>What a vector asks to reproduce.</summary>
public enum VectorKind : byte
{
    /// <summary>An L1 action: msgpack, preimage, connectionId, digest, signature (and request body when given).</summary>
    L1,
    /// <summary>A bare connectionId signed as a phantom agent (Rust SDK).</summary>
    ConnectionId,
    /// <summary>A user-signed EIP-712 action (§13).</summary>
    UserSigned,
}
