namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// Two demo-service instances of "checkout" (baseline and canary) and a real Prometheus scraping
/// both every second. Ready when both targets have been scraped. Everything is stopped on dispose,
/// also when start-up failed half-way.
/// </summary>
public sealed class LiveFixture : IAsyncLifetime
{
    public const string Service = "checkout";
    public const string AdminToken = "integration-admin-token";

    /// <summary>Model times × 0.2: a cache miss takes ~13 ms instead of 64 ms, so the suite stays fast.</summary>
    public const double TimeScale = 0.2;

    internal DemoInstance Baseline { get; private set; } = null!;

    internal DemoInstance Canary { get; private set; } = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        try
        {
            Baseline = await DemoInstance.StartAsync(Service, "baseline", seed: 1, TimeScale, AdminToken);
            Canary = await DemoInstance.StartAsync(Service, "canary", seed: 2, TimeScale, AdminToken);
            Prometheus = await PrometheusServer.StartAsync([Baseline.Url, Canary.Url], Http);
            await Poll.UntilAsync(
                () => Prometheus.QueryAsync(Http, $$"""count(http_requests_received_total{service="{{Service}}"})"""),
                d => d.Series is [{ Samples: [{ Value: 2 }] }],
                "both demo targets scraped");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Each part is stopped even if another fails to stop.
        foreach (var part in new IAsyncDisposable?[] { Prometheus, Canary, Baseline })
        {
            if (part is not null)
            {
                try
                {
                    await part.DisposeAsync();
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or ObjectDisposedException)
                {
                    // Keep stopping the others.
                }
            }
        }

        Http.Dispose();
    }
}
