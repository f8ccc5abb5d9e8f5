using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Orders;

/// <summary>Turns an order intent into a complete, masked WebSocket text frame carrying the signed <c>post</c> request.</summary>
/// <remarks>Reuses its actions, hasher and JSON buffer: no allocation per frame after warm-up. One instance per thread.</remarks>
public sealed class OrderFrameBuilder
{
    /// <summary>Room for one frame: a single-order post is ≈ 420 bytes, a 64-cloid cancel ≈ 4 KB.</summary>
    public const int MaxFrameLength = 8192;

    private readonly L1ActionSigner _signer;
    private readonly ExchangeRequestWriter _writer = new();
    private readonly IReadOnlyList<AssetMeta> _assets;
    private readonly EthAddress? _vault;
    private readonly OrderAction _order = new([default]);
    private readonly CancelByCloidAction _cancelByCloid;
    private readonly CancelAction _cancel = new([default]);
    // Mask keys from a CSPRNG block refilled every 1,024 frames: unpredictable without a system call per frame.
    private MaskKeySource _masks = MaskKeySource.Create();

    /// <param name="assets">Market metadata indexed by the engine's coin index.</param>
    public OrderFrameBuilder(L1ActionSigner signer, IReadOnlyList<AssetMeta> assets, EthAddress? vault, int maxCancels = 64)
    {
        _signer = signer;
        _assets = assets;
        _vault = vault;
        _cancelByCloid = new CancelByCloidAction(new CloidCancelWire[maxCancels]);
    }

    /// <summary>Signs a Place, CancelByCloid or Cancel intent; returns the frame length written to <paramref name="frame"/>.</summary>
    public int Build(in OrderIntent intent, long nonce, long postId, Span<byte> frame)
    {
        ExchangeAction action;
        switch (intent.Kind)
        {
            case IntentKind.Place:
                _order.Orders[0] = OrderWire.Limit(_assets[intent.Coin].AssetId, intent.Side == Engine.Events.Side.Buy, intent.Px, intent.Sz, intent.Tif, intent.ReduceOnly,
                    intent.Cloid.IsEmpty ? null : intent.Cloid);
                action = _order;
                break;
            case IntentKind.CancelByCloid:
                _cancelByCloid.Cancels[0] = new CloidCancelWire(_assets[intent.Coin].AssetId, intent.Cloid);
                _cancelByCloid.Count = 1;
                action = _cancelByCloid;
                break;
            case IntentKind.Cancel:
                _cancel.Cancels[0] = new CancelWire(_assets[intent.Coin].AssetId, intent.Oid);
                action = _cancel;
                break;
            default:
                throw new ArgumentException($"{intent.Kind} has no single-action frame; use BuildCancels", nameof(intent));
        }
        return Frame(action, nonce, postId, frame);
    }

    /// <summary>Signs one cancelByCloid for a batch of working orders (the CancelAll path).</summary>
    public int BuildCancels(ReadOnlySpan<CloidCancelWire> cancels, long nonce, long postId, Span<byte> frame)
    {
        cancels.CopyTo(_cancelByCloid.Cancels);
        _cancelByCloid.Count = cancels.Length;
        return Frame(_cancelByCloid, nonce, postId, frame);
    }

    private int Frame(ExchangeAction action, long nonce, long postId, Span<byte> frame)
    {
        _signer.Sign(action, nonce, _vault, null, out var signature);
        var json = _writer.WritePost(postId, action, nonce, signature, _vault, null);
        return WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, json, _masks.Next());
    }
}
