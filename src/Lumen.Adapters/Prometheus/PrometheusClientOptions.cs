namespace Lumen.Adapters.Prometheus;

/// <summary>Settings of the HTTP client for the Prometheus query API (docs/live.md, "Timeouts and retries").</summary>
/// <param name="BaseUrl">The server root, e.g. <c>http://127.0.0.1:9090/</c>; a path prefix is kept (<c>https://mimir/prometheus/</c>).</param>
/// <param name="Timeout">Client-side limit per attempt (default 10 s). The server is asked to stop a little earlier through the <c>timeout</c> parameter.</param>
/// <param name="MaxRetries">Retries after the first attempt, for transient failures only (5xx, 408, 429, timeout, connection error). Default 2.</param>
/// <param name="RetryDelay">Base delay of the exponential backoff, with jitter. Default 200 ms.</param>
/// <param name="Auth">Credentials; none by default.</param>
/// <param name="TenantId">Sent as <c>X-Scope-OrgID</c> (Mimir, Cortex, Loki multi-tenancy) when set.</param>
public sealed record PrometheusClientOptions(
    Uri BaseUrl,
    TimeSpan? Timeout = null,
    int MaxRetries = 2,
    TimeSpan? RetryDelay = null,
    PrometheusAuth? Auth = null,
    string? TenantId = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(200);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;

    public TimeSpan EffectiveRetryDelay => RetryDelay ?? DefaultRetryDelay;

    /// <summary>The <c>timeout</c> query parameter: 90 % of the client's, so the server gives up first
    /// and answers with its own error (<c>errorType: timeout</c>) instead of a cut connection.</summary>
    public TimeSpan ServerTimeout => TimeSpan.FromMilliseconds(Math.Max(1, EffectiveTimeout.TotalMilliseconds * 0.9));

    /// <summary>The URL without user info, for messages and logs.</summary>
    public string DisplayUrl => BaseUrl.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);

    // A record prints every property; credentials must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(DisplayUrl)
            .Append(", Timeout = ").Append(EffectiveTimeout)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", RetryDelay = ").Append(EffectiveRetryDelay)
            .Append(", Auth = ").Append(Auth ?? PrometheusAuth.None)
            .Append(", TenantId = ").Append(TenantId ?? "(none)");
        return true;
    }
}
