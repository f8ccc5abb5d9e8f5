using System.Text;
using System.Text.Json;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.LocalExchange.Tests;

/// <summary>Signs actions with a real key (the production L1 signer) and posts them to a local exchange's <c>/exchange</c>.</summary>
public sealed class SignedClient(SimHarness sim, string privateKeyHex, bool isMainnet = true) : IDisposable
{
    public const string KeyA = "0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df";
    public const string KeyB = "0x0123456789012345678901234567890123456789012345678901234567890123";

    private readonly IDigestSigner _key = Signers.Create(Hex.Parse(privateKeyHex));
    private readonly ExchangeRequestWriter _writer = new();
    private long _lastNonce;

    public EthAddress Address { get; } = Secp256k1Curve.AddressOf(Hex.Parse(privateKeyHex));

    public string User => Address.ToString();

    /// <summary>Strictly increasing, near now.</summary>
    public long NextNonce() => _lastNonce = Math.Max(_lastNonce + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public string Body(ExchangeAction action, long nonce, long? expiresAfter = null)
    {
        new L1ActionSigner(_key, isMainnet).Sign(action, nonce, null, expiresAfter, out var signature);
        return Encoding.UTF8.GetString(_writer.WriteBody(action, nonce, signature, null, expiresAfter));
    }

    public async Task<JsonElement> SendAsync(ExchangeAction action, long? nonce = null)
    {
        var (status, body) = await sim.PostAsync("/exchange", Body(action, nonce ?? NextNonce()));
        Assert.That(status, Is.EqualTo(200), body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The single status of a one-order or one-cancel answer.</summary>
    public async Task<JsonElement> StatusAsync(ExchangeAction action)
    {
        var response = await SendAsync(action);
        Assert.That(response.GetProperty("status").GetString(), Is.EqualTo("ok"), response.GetRawText());
        return response.GetProperty("response").GetProperty("data").GetProperty("statuses")[0];
    }

    public static OrderAction Order(bool buy, string px, string sz, Tif tif, bool reduceOnly = false, Cloid? cloid = null) =>
        new([OrderWire.Limit(0, buy, Parse(px), Parse(sz), tif, reduceOnly, cloid)]);

    private static WireDecimal Parse(string text) =>
        WireDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var d) ? d : throw new FormatException(text);

    public void Dispose() => _key.Dispose();
}
