using System.Globalization;

namespace Lumen.Soak;

/// <summary>
/// The config directory <c>lumen run</c> gets in the soak: stage <c>dev</c> acting (dry_run false) on
/// <c>checkout</c> with one knob, <c>concurrency_limit</c> (baseline 32), an <c>http</c> executor on the
/// canary through the target's fault proxy, and a rule that raises the knob whenever traffic is seen.
/// Cooldown 0 and a ttl of 1 minute keep adjustments coming; a 10 s window lets the rule fall silent
/// soon after the soak stops its load (the drain).
/// </summary>
internal static class SoakLumenConfig
{
    public const string Knob = "concurrency_limit";
    public const string TokenEnv = "CHECKOUT_ADMIN_TOKEN";
    public const int IntervalSeconds = 2;
    public const int TtlMinutes = 1;

    private const string P95 = """
        1000 * histogram_quantile(0.95, sum by (service, track, le)
        (rate(http_request_duration_seconds_bucket{service=~"$service", track=~"$track"}[$window])))
        """;

    private const string ErrorRate = """
        sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window]))
        / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
        """;

    private const string Rps = """
        sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
        """;

    public static void Write(string configDir, Uri prometheus, Uri canaryAdmin, Uri baselineAdmin)
    {
        Directory.CreateDirectory(configDir);
        File.WriteAllText(Path.Combine(configDir, "stage_matrix.yaml"), $"""
            version: 1
            stages:
              dev:
                endpoints:
                  prometheus: {prometheus}
                policy:
                  interval_seconds: {IntervalSeconds.ToString(CultureInfo.InvariantCulture)}
                  dry_run: false
                  reward_mix_lambda: 0.0
                  linucb_alpha: 1.0
                  conservative: false
                  max_active_adjustments: 1
                  delta_clamp: 0.25
                  ttl_minutes: {TtlMinutes.ToString(CultureInfo.InvariantCulture)}
                  cooldown_minutes: 0
                  approval_required: false
                slo:
                  latency_p95_ms: 5000
                  error_rate: 0.5
                  coherence_min: 0.0

            """);
        File.WriteAllText(Path.Combine(configDir, "services.yaml"), $"""
            version: 1
            services:
              - name: checkout
                window: 10s
                rhythm_period: 1h
                sli:
                  p95_ms: >-
            {Indent(P95)}
                  error_rate: >-
            {Indent(ErrorRate)}
                  rps: >-
            {Indent(Rps)}
                knobs:
                  - name: {Knob}
                    min: 4
                    max: 256
                    default: 32
                    step: 4
                    integer: true
                    settle_seconds: 1
                    cost_weight: 0.0005
                executors:
                  canary:
                    kind: http
                    url: {canaryAdmin}
                    token_env: {TokenEnv}
                    timeout_ms: 2000
                  baseline:
                    kind: http
                    url: {baselineAdmin}
                    token_env: {TokenEnv}
                    timeout_ms: 2000

            """);
        File.WriteAllText(Path.Combine(configDir, "canary_policy.yaml"), """
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
                    enabled: true
                watch_minutes: 5

            """);
        File.WriteAllText(Path.Combine(configDir, "feedback_rules.yaml"), """
            version: 1
            rules:
              - name: traffic-seen
                when: rps > 0
                for: 1 intervals
                propose:
                  knob: concurrency_limit
                  direction: increase

            """);
    }

    private static string Indent(string query) =>
        string.Join('\n', query.Split('\n').Select(l => "            " + l.Trim()));
}
