using System.Globalization;

namespace Lumen.Cli.Live;

/// <summary>
/// The config directory <c>lumen demo --live</c> runs with, written into its temp dir so it needs no
/// config of the user's: stage <c>live</c> acting on the canary (dry_run false), one service
/// <c>checkout</c> with the three knobs of config/services.yaml (settle times shortened to the
/// compressed day) and an <c>http</c> executor per track on the demo services' admin endpoints,
/// the shipped SLI templates on a short window, and the shipped latency and error rules before the bandit.
/// </summary>
internal static class LiveDemoConfig
{
    public const string Stage = "live";

    /// <summary>The variable the <c>http</c> executors read the admin token from (set only in the loop's own environment map).</summary>
    public const string TokenEnv = "LUMEN_DEMO_ADMIN_TOKEN";

    public const double LatencyP95Ms = 250;

    public const double ErrorRate = 0.01;

    /// <summary>Writes the four config files into <paramref name="configDir"/>.</summary>
    public static void Write(string configDir, Uri prometheus, Uri baseline, Uri canary, int intervalSeconds, int ttlMinutes, int cooldownMinutes,
        string window)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        Directory.CreateDirectory(configDir);
        var inv = CultureInfo.InvariantCulture;
        File.WriteAllText(Path.Combine(configDir, "stage_matrix.yaml"), string.Create(inv, $"""
            version: 1
            stages:
              {Stage}:
                endpoints:
                  prometheus: {prometheus}
                policy:
                  interval_seconds: {intervalSeconds}
                  dry_run: false
                  reward_mix_lambda: 0.0
                  linucb_alpha: 1.0
                  conservative: false
                  max_active_adjustments: 2
                  delta_clamp: 0.25
                  ttl_minutes: {ttlMinutes}
                  cooldown_minutes: {cooldownMinutes}
                  approval_required: false
                slo:
                  latency_p95_ms: {LatencyP95Ms}
                  error_rate: {ErrorRate}
                  coherence_min: 0.5

            """));
        File.WriteAllText(Path.Combine(configDir, "services.yaml"), string.Create(inv, $$"""
            version: 1
            services:
              - name: {{LiveStack.Service}}
                window: {{window}}
                sli:
                  p95_ms: >-
                    1000 * histogram_quantile(0.95, sum by (service, track, le)
                    (rate(http_request_duration_seconds_bucket{service=~"$service", track=~"$track"}[$window])))
                  error_rate: >-
                    sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window]))
                    / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
                  rps: >-
                    sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
                knobs:
                  - name: concurrency_limit
                    min: 4
                    max: 256
                    default: 32
                    step: 4
                    integer: true
                    settle_seconds: {{2 * intervalSeconds}}
                    cost_weight: 0.0005
                  - name: cache_size_mb
                    min: 64
                    max: 4096
                    default: 512
                    step: 64
                    integer: true
                    settle_seconds: {{3 * intervalSeconds}}
                    cost_weight: 0.00005
                  - name: timeout_ms
                    min: 100
                    max: 5000
                    default: 1500
                    step: 100
                    integer: true
                    settle_seconds: {{2 * intervalSeconds}}
                    cost_weight: 0.0001
                executors:
                  canary:
                    kind: http
                    url: {{new Uri(canary, "admin/config")}}
                    token_env: {{TokenEnv}}
                    timeout_ms: 2000
                  baseline:
                    kind: http
                    url: {{new Uri(baseline, "admin/config")}}
                    token_env: {{TokenEnv}}
                    timeout_ms: 2000

            """));
        File.WriteAllText(Path.Combine(configDir, "canary_policy.yaml"), string.Create(inv, $"""
            version: 1
            stages:
              {Stage}:
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

            """));
        File.WriteAllText(Path.Combine(configDir, "feedback_rules.yaml"), """
            version: 1
            rules:
              - name: latency-pressure-high
                when: latency_pressure > 1.0
                for: 3 intervals
                clear_when: latency_pressure < 0.9
                propose:
                  knob: concurrency_limit
                  direction: increase
              - name: error-pressure-high
                when: error_pressure > 1.0
                for: 2 intervals
                clear_when: error_pressure < 0.8
                propose:
                  knob: timeout_ms
                  direction: increase

            """);
    }
}
