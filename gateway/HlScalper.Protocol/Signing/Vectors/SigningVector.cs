using System.Text.Json;

namespace HlScalper.Protocol.Signing.Vectors;

/// <summary>One check from a vectors file, normalised across the Python, Rust and TS formats: inputs plus the expected value of each field it asserts.</summary>
public sealed record SigningVector(
    string Name,
    VectorKind Kind,
    byte[] PrivateKey,
    bool IsMainnet,
    JsonElement Input,
    long Nonce,
    EthAddress? Vault,
    long? ExpiresAfter,
    IReadOnlyDictionary<string, string> Expected);
