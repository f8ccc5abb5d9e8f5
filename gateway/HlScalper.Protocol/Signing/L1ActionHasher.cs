using System.Buffers;
using System.Buffers.Binary;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Signing;

/// <summary>Steps 1–5 of L1 signing (§11): msgpack of the action, the connectionId preimage, its Keccak-256 and the phantom-agent digest.</summary>
/// <remarks>Owns a reused buffer and digest: one instance per thread, no allocation per action after warm-up.</remarks>
public sealed class L1ActionHasher
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Keccak256 _keccak = new();
    private int _msgpackLength;

    /// <summary>The msgpack bytes of the last hashed action.</summary>
    public ReadOnlySpan<byte> Msgpack => _buffer.WrittenSpan[.._msgpackLength];

    /// <summary>msgpack ‖ nonce ‖ vault marker [‖ vault] [‖ 0x00 ‖ expiresAfter] of the last hashed action.</summary>
    public ReadOnlySpan<byte> Preimage => _buffer.WrittenSpan;

    public Keccak256 Keccak => _keccak;

    /// <summary>Encodes the action and its trailer and returns keccak256 of it (the connectionId).</summary>
    public void ConnectionId(ExchangeAction action, long nonce, EthAddress? vault, long? expiresAfter, Span<byte> connectionId)
    {
        _buffer.ResetWrittenCount();
        var writer = new MsgpackActionWriter(_buffer);
        action.Write(ref writer);
        writer.Flush();
        _msgpackLength = _buffer.WrittenCount;

        var trailer = _buffer.GetSpan(8 + 1 + EthAddress.Length + 1 + 8);
        BinaryPrimitives.WriteUInt64BigEndian(trailer, (ulong)nonce);
        var length = 8;
        if (vault is { } address)
        {
            trailer[length++] = 1;
            address.CopyTo(trailer.Slice(length, EthAddress.Length));
            length += EthAddress.Length;
        }
        else trailer[length++] = 0;
        if (expiresAfter is { } expires)
        {
            // The expiry marker is 0x00, not 0x01 like the vault's.
            trailer[length++] = 0;
            BinaryPrimitives.WriteUInt64BigEndian(trailer.Slice(length, 8), (ulong)expires);
            length += 8;
        }
        _buffer.Advance(length);
        _keccak.Hash(_buffer.WrittenSpan, connectionId);
    }

    /// <summary>The digest to sign for an action: connectionId, then the phantom agent's EIP-712 digest.</summary>
    public void Digest(ExchangeAction action, long nonce, EthAddress? vault, long? expiresAfter, bool isMainnet, Span<byte> digest)
    {
        Span<byte> connectionId = stackalloc byte[32];
        Span<byte> structHash = stackalloc byte[32];
        ConnectionId(action, nonce, vault, expiresAfter, connectionId);
        Eip712.PhantomAgentDigest(_keccak, connectionId, isMainnet, structHash, digest);
    }
}
