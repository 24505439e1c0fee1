namespace Lumen.Adapters.Prometheus;

/// <summary>
/// How an export tells the tracks apart when the series carry no <c>service</c>/<c>track</c> labels
/// (docs/rollout-tools.md): the value of <paramref name="Label"/> on the stable pods' series becomes
/// track <c>baseline</c>, on the canary pods' <c>canary</c> (e.g. Flagger's <c>workload="podinfo-primary"</c>
/// vs <c>"podinfo"</c>, Argo's <c>rollouts_pod_template_hash</c>), and every selected series is the one
/// exported service. <paramref name="Selector"/> adds label matchers (e.g. <c>namespace="test"</c>), and
/// <paramref name="ErrorsSelector"/> more for the errors counter only (e.g. <c>response_code=~"5.."</c> when the
/// counter of all requests is also the counter of failed ones, as Istio's <c>istio_requests_total</c>).
/// </summary>
public sealed record IntervalTrackSelector(string Label, string Baseline, string Canary, string? Selector = null, string? ErrorsSelector = null);
