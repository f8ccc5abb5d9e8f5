using System.Buffers;
using System.Text.Json;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Actions;

/// <summary>Writes a signed action as the <c>/exchange</c> JSON body or as the WebSocket <c>post</c> envelope, into one reused buffer.</summary>
/// <remarks>
/// Body keys in the TS SDK's order: action, signature, nonce, vaultAddress?, expiresAfter? (absent optionals
/// omitted). The result is valid until the next write; one instance per thread.
/// </remarks>
public sealed class ExchangeRequestWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _json;

    public ExchangeRequestWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>The bytes of the last write.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public ReadOnlySpan<byte> WriteBody(ExchangeAction action, long nonce, in EcdsaSignature signature, EthAddress? vault, long? expiresAfter)
    {
        Begin();
        Body(action, nonce, signature, vault, expiresAfter);
        return End();
    }

    /// <summary><c>{"method":"post","id":id,"request":{"type":"action","payload":BODY}}</c>.</summary>
    public ReadOnlySpan<byte> WritePost(long id, ExchangeAction action, long nonce, in EcdsaSignature signature, EthAddress? vault, long? expiresAfter)
    {
        Begin();
        _json.WriteStartObject();
        _json.WriteString("method"u8, "post"u8);
        _json.WriteNumber("id"u8, id);
        _json.WritePropertyName("request"u8);
        _json.WriteStartObject();
        _json.WriteString("type"u8, "action"u8);
        _json.WritePropertyName("payload"u8);
        Body(action, nonce, signature, vault, expiresAfter);
        _json.WriteEndObject();
        _json.WriteEndObject();
        return End();
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }

    private ReadOnlySpan<byte> End()
    {
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    private void Body(ExchangeAction action, long nonce, in EcdsaSignature signature, EthAddress? vault, long? expiresAfter)
    {
        _json.WriteStartObject();
        _json.WritePropertyName("action"u8);
        var actionWriter = new JsonActionWriter(_json);
        action.Write(ref actionWriter);
        _json.WritePropertyName("signature"u8);
        WriteSignature(_json, signature);
        _json.WriteNumber("nonce"u8, nonce);
        if (vault is { } address)
        {
            Span<byte> text = stackalloc byte[EthAddress.WireLength];
            _json.WriteString("vaultAddress"u8, text[..address.Format(text)]);
        }
        if (expiresAfter is { } expires) _json.WriteNumber("expiresAfter"u8, expires);
        _json.WriteEndObject();
    }

    /// <summary><c>{"r":"0x…64","s":"0x…64","v":27|28}</c>.</summary>
    public static void WriteSignature(Utf8JsonWriter json, in EcdsaSignature signature)
    {
        Span<byte> text = stackalloc byte[EcdsaSignature.HexLength];
        json.WriteStartObject();
        Hex.WritePrefixed(signature.R, text);
        json.WriteString("r"u8, text);
        Hex.WritePrefixed(signature.S, text);
        json.WriteString("s"u8, text);
        json.WriteNumber("v"u8, signature.V);
        json.WriteEndObject();
    }
}
