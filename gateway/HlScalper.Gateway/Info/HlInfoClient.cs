using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Info;

namespace HlScalper.Gateway.Info;

/// <summary>Hyperliquid's read API (<c>POST /info</c>), off the hot path: typed requests and responses, 429 and 5xx retried with backoff.</summary>
/// <param name="http">The caller's client (reuse one per process).</param>
/// <param name="baseUri">The REST base, e.g. <c>https://api.hyperliquid.xyz</c>; <c>/info</c> is appended.</param>
public sealed class HlInfoClient(HttpClient http, Uri baseUri)
{
    /// <summary>Mainnet REST base.</summary>
    public static readonly Uri Mainnet = new("https://api.hyperliquid.xyz");

    /// <summary>Testnet REST base.</summary>
    public static readonly Uri Testnet = new("https://api.hyperliquid-testnet.xyz");

    private readonly Uri _info = new(baseUri, "info");
    private readonly Random _jitter = new();

    /// <summary>Attempts per call, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan RetryDelayMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryDelayMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Responses that were retried (429, 5xx, transport failures).</summary>
    public long Retries { get; private set; }

    public Task<PerpMeta> MetaAsync(CancellationToken ct = default) =>
        PostAsync(new InfoRequest("meta"), InfoJsonContext.Default.PerpMeta, ct);

    /// <summary>The universe and each market's context; <c>Contexts[i]</c> belongs to <c>Meta.Universe[i]</c>.</summary>
    public async Task<(PerpMeta Meta, List<AssetCtx> Contexts)> MetaAndAssetCtxsAsync(CancellationToken ct = default)
    {
        using var doc = await PostAsync(new InfoRequest("metaAndAssetCtxs"), ct).ConfigureAwait(false);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
            throw new HlInfoException($"metaAndAssetCtxs: expected a two-element array, got {Preview(root.GetRawText())}");
        return (Convert(root[0], InfoJsonContext.Default.PerpMeta, "metaAndAssetCtxs"), Convert(root[1], InfoJsonContext.Default.ListAssetCtx, "metaAndAssetCtxs"));
    }

    /// <summary>Mid price per coin (spot pairs as <c>@index</c>).</summary>
    public Task<Dictionary<string, string>> AllMidsAsync(CancellationToken ct = default) =>
        PostAsync(new InfoRequest("allMids"), InfoJsonContext.Default.DictionaryStringString, ct);

    /// <summary>The book of <paramref name="coin"/>; null when the exchange does not know the coin.</summary>
    public Task<L2BookSnapshot?> L2BookAsync(string coin, CancellationToken ct = default) =>
        PostAsync<L2BookSnapshot?>(new InfoRequest("l2Book", Coin: coin), InfoJsonContext.Default.L2BookSnapshot, ct);

    /// <summary>Candles of <paramref name="interval"/> (1m … 1M) between two Unix-ms times; only the latest 5000 exist.</summary>
    public Task<List<Candle>> CandleSnapshotAsync(string coin, string interval, long startTimeMs, long endTimeMs, CancellationToken ct = default) =>
        PostAsync(new InfoRequest("candleSnapshot", Req: new CandleRequest(coin, interval, startTimeMs, endTimeMs)), InfoJsonContext.Default.ListCandle, ct);

    public Task<List<OpenOrder>> OpenOrdersAsync(string user, CancellationToken ct = default) =>
        PostAsync(new InfoRequest("openOrders", User: user), InfoJsonContext.Default.ListOpenOrder, ct);

    public Task<ClearinghouseState> ClearinghouseStateAsync(string user, CancellationToken ct = default) =>
        PostAsync(new InfoRequest("clearinghouseState", User: user), InfoJsonContext.Default.ClearinghouseState, ct);

    /// <summary>Up to 2000 most recent fills, newest first.</summary>
    public Task<List<UserFill>> UserFillsAsync(string user, CancellationToken ct = default) =>
        PostAsync(new InfoRequest("userFills", User: user), InfoJsonContext.Default.ListUserFill, ct);

    /// <summary>Hourly funding from <paramref name="startTimeMs"/>; at most 500 rows per call (continue from the last time).</summary>
    public Task<List<FundingRate>> FundingHistoryAsync(string coin, long startTimeMs, long? endTimeMs = null, CancellationToken ct = default) =>
        PostAsync(new InfoRequest("fundingHistory", Coin: coin, StartTime: startTimeMs, EndTime: endTimeMs), InfoJsonContext.Default.ListFundingRate, ct);

    private async Task<T> PostAsync<T>(InfoRequest request, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var doc = await PostAsync(request, ct).ConfigureAwait(false);
        return Convert(doc.RootElement, type, request.Type);
    }

    private static T Convert<T>(JsonElement element, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return element.Deserialize(type)!;
        }
        catch (JsonException e)
        {
            throw new HlInfoException($"{what}: the response does not have the expected shape ({e.Message}): {Preview(element.GetRawText())}", inner: e);
        }
    }

    private async Task<JsonDocument> PostAsync(InfoRequest request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, InfoJsonContext.Default.InfoRequest);
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(_info, content, ct).ConfigureAwait(false);
                status = response.StatusCode;
                var text = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        return JsonDocument.Parse(text);
                    }
                    catch (JsonException e)
                    {
                        throw new HlInfoException($"{request.Type}: the response is not JSON: {Preview(System.Text.Encoding.UTF8.GetString(text))}", status, e);
                    }
                }
                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Preview(System.Text.Encoding.UTF8.GetString(text))}";
                if (!IsRetryable(response.StatusCode)) throw new HlInfoException($"{request.Type}: {failure}", status);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException e)
            {
                failure = $"transport failure: {e.Message}";
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                failure = $"timed out: {e.Message}";
            }
            if (attempt >= MaxAttempts)
                throw new HlInfoException($"{request.Type}: giving up after {attempt} attempts; last: {failure}", status);
            Retries++;
            var delay = retryAfter ?? ReconnectBackoff.Delay(attempt - 1, RetryDelayMin, RetryDelayMax, _jitter);
            await Task.Delay(delay < RetryDelayMax ? delay : RetryDelayMax, ct).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Preview(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
