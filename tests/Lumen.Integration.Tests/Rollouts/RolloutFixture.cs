using Lumen.Integration.Tests.Live;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// One real Prometheus for the rollout tests, its storage filled with 40 minutes of canary and stable
/// history ending now (<c>promtool tsdb create-blocks-from openmetrics</c>):
/// <c>good</c> (identical tracks), <c>bad</c> (the canary fails 10 % of requests, the stable 1 %),
/// <c>thin</c> (a trickle of traffic: under the policy's minimum samples) with <c>service</c>/<c>track</c>
/// labels, Argo's <c>shop/checkout</c> whose tracks differ only by <c>rollouts_pod_template_hash</c>, and
/// Istio's metrics of Flagger's <c>test/mesh</c> (identical tracks; milliseconds; errors by response code).
/// </summary>
public sealed class RolloutFixture : IAsyncLifetime
{
    public const string StableHash = "6d8f9b7c4";
    public const string CanaryHash = "5b7d4c8f9";

    private HistoryPrometheus? _prometheus;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri Prometheus => _prometheus!.Url;

    public async Task InitializeAsync()
    {
        const string job = "job=\"app\",instance=\"app\"";
        var history = RolloutHistory.Text(
        [
            new($"service=\"good\",track=\"baseline\",{job}", 20, 0.01),
            new($"service=\"good\",track=\"canary\",{job}", 20, 0.01),
            new($"service=\"bad\",track=\"baseline\",{job}", 20, 0.01),
            new($"service=\"bad\",track=\"canary\",{job}", 20, 0.10),
            new($"service=\"thin\",track=\"baseline\",{job}", 0.02, 0.0),
            new($"service=\"thin\",track=\"canary\",{job}", 0.02, 0.0),
            new($"namespace=\"shop\",rollouts_pod_template_hash=\"{StableHash}\",{job}", 20, 0.01),
            new($"namespace=\"shop\",rollouts_pod_template_hash=\"{CanaryHash}\",{job}", 20, 0.01),
        ], DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(40), TimeSpan.FromSeconds(10),
        [
            new($"destination_workload=\"mesh-primary\",destination_workload_namespace=\"test\",reporter=\"destination\",{job}", 20, 0.01),
            new($"destination_workload=\"mesh\",destination_workload_namespace=\"test\",reporter=\"destination\",{job}", 20, 0.01),
        ]);
        _prometheus = await HistoryPrometheus.StartAsync(history, [], Http);
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        Http.Dispose();
    }
}
