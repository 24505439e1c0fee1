using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Calls <c>/api/v1/query</c> and <c>/api/v1/query_range</c> of Prometheus or a compatible backend
/// (Thanos, Mimir, VictoriaMetrics serve the same API), with a client-side timeout per attempt, the
/// server-side <c>timeout</c> parameter, and bounded retries with jittered exponential backoff for
/// transient failures only. Every expected failure comes back as a <see cref="PromCallResult"/>.
/// </summary>
/// <remarks>
/// Queries are sent as POST form bodies (the API accepts both), so long batched PromQL never hits a
/// URL length limit and never lands in a proxy's access log. The HttpClient is the caller's; build it
/// with <see cref="PrometheusHttp.CreateClient"/>, which has no request logging (a URL may carry user
/// info) and leaves timeouts to this class.
/// </remarks>
internal sealed class PrometheusClient
{
    private readonly PrometheusClientOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<PromCallResult> _pipeline;
    private readonly string _apiPrefix;
    private readonly bool _loki;

    /// <param name="loki">Talk to Loki's <c>/loki/api/v1/</c> instead: GET with the query in the URL (Loki
    /// documents GET only), <c>time</c> as RFC 3339, no <c>timeout</c> parameter (Loki has none).</param>
    public PrometheusClient(PrometheusClientOptions options, HttpClient http, TimeProvider time, bool loki = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Prometheus needs an absolute http(s) URL, not {options.DisplayUrl}.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRetries, 10);
        _options = options;
        _http = http;
        _time = time;
        _loki = loki;
        _apiPrefix = loki ? "loki/api/v1/" : "api/v1/";
        var builder = new ResiliencePipelineBuilder<PromCallResult> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<PromCallResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { IsOk: false, Transient: true }),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.EffectiveRetryDelay,
                MaxDelay = TimeSpan.FromSeconds(5),
            });
        }

        _pipeline = builder.Build();
    }

    public PrometheusClientOptions Options => _options;

    /// <summary>An instant query evaluated at <paramref name="at"/> (the server's now when null).</summary>
    public Task<PromCallResult> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("query", query) };
        if (!_loki)
        {
            form.Add(Timeout());
        }

        if (at is { } t)
        {
            form.Add(new("time", _loki ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : Unix(t)));
        }

        return CallAsync("query", form, cancellationToken);
    }

    /// <summary>A range query: one sample per <paramref name="step"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public Task<PromCallResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("start", Unix(start)),
            new("end", Unix(end)),
            new("step", step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            Timeout(),
        };
        return CallAsync("query_range", form, cancellationToken);
    }

    private KeyValuePair<string, string> Timeout() =>
        new("timeout", ((long)_options.ServerTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");

    private static string Unix(DateTimeOffset t) =>
        (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task<PromCallResult> CallAsync(string endpoint, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static (state, ct) => new ValueTask<PromCallResult>(state.self.AttemptAsync(state.endpoint, state.form, ct)),
            (self: this, endpoint, form),
            cancellationToken).ConfigureAwait(false);

    private async Task<PromCallResult> AttemptAsync(string endpoint, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var url = new Uri(WithSlash(_options.BaseUrl), _apiPrefix + endpoint);
        var method = _loki ? HttpMethod.Get : HttpMethod.Post;
        var what = $"{method} {_options.DisplayUrl.TrimEnd('/')}/{_apiPrefix}{endpoint}";
        using var timeout = new CancellationTokenSource(_options.EffectiveTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = _loki
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(url + "?" + string.Join('&', form.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))))
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = (_options.Auth ?? PrometheusAuth.None).Header();
        if (_options.TenantId is { Length: > 0 } tenant)
        {
            request.Headers.TryAddWithoutValidation("X-Scope-OrgID", tenant);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return PromResponseParser.Parse(body);
            }

            var code = (int)response.StatusCode;
            var transient = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            var detail = PromResponseParser.TryApiError(body) ?? PromResponseParser.Snippet(body);
            return PromCallResult.Failed($"{what} returned HTTP {code} {response.ReasonPhrase}: {detail}", transient);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PromCallResult.Failed($"{what} timed out after {_options.EffectiveTimeout.TotalMilliseconds:0} ms", transient: true);
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and the socket error, never headers or user info.
            return PromCallResult.Failed($"{what} failed: {ex.Message}", transient: true);
        }
    }

    private static Uri WithSlash(Uri u) => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/");
}
