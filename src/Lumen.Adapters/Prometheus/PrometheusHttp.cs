namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The HttpClient for Prometheus and Loki. It is built directly on a <see cref="SocketsHttpHandler"/>,
/// not through IHttpClientFactory, so no request logging handler is ever in the chain (the factory's
/// default handlers log every URL at Information); if you register it through the factory instead, call
/// <c>RemoveAllLoggers()</c> on the builder. Timeouts are per attempt in <see cref="PrometheusClient"/>,
/// so the client's own is infinite.
/// </summary>
public static class PrometheusHttp
{
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
