using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>
/// The <c>rollout:</c> block of a service in <c>services.yaml</c> (docs/rollout-tools.md): which Flagger
/// canaries and Argo rollouts are this service, and how their stable and canary pods' series are told
/// apart in Prometheus so that the judge reads the same interval records as <c>lumen canary check</c>.
/// </summary>
/// <param name="Targets">The Flagger canaries and Argo rollouts mapped to the service; at least one.</param>
/// <param name="LatencyMetric">The latency histogram's base name (<c>_bucket</c> is appended).</param>
/// <param name="ErrorsMetric">The counter of failed requests.</param>
/// <param name="LatencyUnit">The unit of the histogram's <c>le</c> bounds: <c>seconds</c> or <c>milliseconds</c> (Istio, Envoy).</param>
/// <param name="TrackLabel">The label whose value tells the tracks apart; null = the <c>service</c> and <c>track</c> labels (baseline|canary).</param>
/// <param name="Baseline">The track label's value on the stable (Flagger primary) pods; null = sent by the caller (Argo's stable pod-template hash).</param>
/// <param name="Canary">The track label's value on the canary pods; null = sent by the caller (Argo's canary pod-template hash).</param>
/// <param name="Selector">Extra PromQL label matchers for the service's series when <paramref name="TrackLabel"/> is set, e.g. <c>namespace="test"</c>.</param>
/// <param name="Window">The window judged when the caller does not send one.</param>
/// <param name="ErrorsSelector">Extra matchers for the errors counter only, e.g. <c>response_code=~"5.."</c> on Istio's <c>istio_requests_total</c>.</param>
public sealed record RolloutMapping(
    ImmutableArray<RolloutRef> Targets,
    string LatencyMetric,
    string ErrorsMetric,
    string LatencyUnit,
    string? TrackLabel,
    string? Baseline,
    string? Canary,
    string? Selector,
    PromDuration Window,
    string? ErrorsSelector = null)
{
    public const string DefaultLatencyMetric = "http_request_duration_seconds";
    public const string DefaultErrorsMetric = "http_requests_errors_total";
    public const string Seconds = "seconds";
    public const string Milliseconds = "milliseconds";
    public const string DefaultWindowText = "30m";

    public static ImmutableArray<string> LatencyUnits { get; } = [Seconds, Milliseconds];

    /// <summary>True when this mapping names the canary or rollout.</summary>
    public bool Matches(RolloutTool tool, string ns, string name) =>
        Targets.Any(t => t.Tool == tool && string.Equals(t.Namespace, ns, StringComparison.Ordinal) && string.Equals(t.Name, name, StringComparison.Ordinal));
}
