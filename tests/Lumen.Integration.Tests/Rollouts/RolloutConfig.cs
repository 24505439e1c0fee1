namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// A config directory for the rollout endpoints: stage <c>dev</c> (30 s intervals, approval required) on the
/// given Prometheus, and services mapped to Flagger canaries (<c>service</c>/<c>track</c> labels) and to an
/// Argo rollout (tracks by <c>rollouts_pod_template_hash</c>, hashes sent by the caller). Coherence is off:
/// the backfilled history is too short for the mapper, and the tests are about the endpoints.
/// </summary>
internal static class RolloutConfig
{
    public static string Write(string root, Uri prometheus, bool approvalRequired = true, string? servicesYaml = null)
    {
        var dir = Path.Combine(root, "config");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "stage_matrix.yaml"), $"""
            version: 1
            stages:
              dev:
                endpoints:
                  prometheus: {prometheus}
                policy:
                  interval_seconds: 30
                  dry_run: false
                  reward_mix_lambda: 0.0
                  linucb_alpha: 1.0
                  max_active_adjustments: 1
                  delta_clamp: 0.25
                  ttl_minutes: 5
                  approval_required: {(approvalRequired ? "true" : "false")}
                slo:
                  latency_p95_ms: 600
                  error_rate: 0.05
                  coherence_min: 0.0

            """);
        var services = string.Concat(new[]
        {
            Service("good", "flagger: [test/good]"),
            Service("bad", "flagger: [test/bad]"),
            Service("thin", "flagger: [test/thin]"),
            Service("mesh", """
                flagger: [test/mesh]
                      latency_metric: istio_request_duration_milliseconds
                      latency_unit: milliseconds
                      errors_metric: istio_requests_total
                      errors_selector: 'response_code=~"5.."'
                      track_label: destination_workload
                      baseline: mesh-primary
                      canary: mesh
                      selector: 'destination_workload_namespace="test", reporter="destination"'
                """),
            Service("shop", """
                argo: [shop/checkout]
                      track_label: rollouts_pod_template_hash
                      selector: 'namespace="shop"'
                """),
        });
        File.WriteAllText(Path.Combine(dir, "services.yaml"), servicesYaml ?? "version: 1\nservices:\n" + services);
        File.WriteAllText(Path.Combine(dir, "canary_policy.yaml"), """
            version: 1
            stages:
              dev:
                confidence: 0.95
                min_samples: 500
                min_intervals: 3
                max_intervals: 120
                same_phase: true
                allowed_phases: [peak, falling, trough, rising, unknown]
                gates:
                  latency_p95:
                    max_ratio: 1.20
                  error_rate:
                    max_ratio: 2.0
                  coherence:
                    enabled: false
                watch_minutes: 5

            """);
        File.WriteAllText(Path.Combine(dir, "feedback_rules.yaml"), "version: 1\nrules: []\n");
        return dir;
    }

    private static string Service(string name, string rollout) => $$"""
          - name: {{name}}
            window: 1m
            sli:
              p95_ms: >-
                1000 * histogram_quantile(0.95, sum by (service, track, le) (rate(http_request_duration_seconds_bucket{service=~"$service", track=~"$track"}[$window])))
              error_rate: >-
                sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window])) / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
              rps: >-
                sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
            knobs:
              - name: workers
                min: 1
                max: 64
                default: 8
                step: 1
            executors:
              canary:
                kind: http
                url: http://127.0.0.1:9/admin/config
            rollout:
              {{rollout}}

        """;
}
