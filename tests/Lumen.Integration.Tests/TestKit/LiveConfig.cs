using System.Globalization;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// A config directory for a live loop in a temp dir: stage <c>dev</c> acting (dry_run false) on one
/// service <c>checkout</c> with one knob (<c>concurrency_limit</c>), an <c>http</c> executor on each
/// track, and a rule that proposes raising the knob whenever traffic is seen, so an action is
/// certain once the data is good. A long cooldown keeps the knob still after its rollback.
/// </summary>
internal sealed class LiveConfig : IDisposable
{
    public const string TokenEnv = "CHECKOUT_ADMIN_TOKEN";

    private LiveConfig(string root)
    {
        Root = root;
    }

    /// <summary>The dev stage's canary policy every live test config uses.</summary>
    public const string CanaryPolicy = """
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

            """;

    public string Root { get; }

    public string ConfigDir => Path.Combine(Root, "config");

    public string StateDir => Path.Combine(Root, "state");

    public static LiveConfig Write(Uri prometheus, Uri canaryAdmin, Uri baselineAdmin, Uri? alertmanager = null,
        int intervalSeconds = 2, int ttlMinutes = 1, string window = "1m", double errorRateSlo = 0.05)
    {
        var config = new LiveConfig(Directory.CreateTempSubdirectory("lumen-live-").FullName);
        Directory.CreateDirectory(config.ConfigDir);
        var am = alertmanager is null ? "" : $"\n      alertmanager: {alertmanager}";
        File.WriteAllText(Path.Combine(config.ConfigDir, "stage_matrix.yaml"), $"""
            version: 1
            stages:
              dev:
                endpoints:
                  prometheus: {prometheus}{am}
                policy:
                  interval_seconds: {intervalSeconds.ToString(CultureInfo.InvariantCulture)}
                  dry_run: false
                  reward_mix_lambda: 0.0
                  linucb_alpha: 1.0
                  conservative: false
                  max_active_adjustments: 1
                  delta_clamp: 0.25
                  ttl_minutes: {ttlMinutes.ToString(CultureInfo.InvariantCulture)}
                  cooldown_minutes: 600
                  approval_required: false
                slo:
                  latency_p95_ms: 600
                  error_rate: {errorRateSlo.ToString(CultureInfo.InvariantCulture)}
                  coherence_min: 0.0

            """);
        File.WriteAllText(Path.Combine(config.ConfigDir, "services.yaml"), $"""
            version: 1
            services:
              - name: checkout
                window: {window}
                sli:
                  p95_ms: >-
            {Indent(TestServices.P95)}
                  error_rate: >-
            {Indent(TestServices.ErrorRate)}
                  rps: >-
            {Indent(TestServices.Rps)}
                knobs:
                  - name: concurrency_limit
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
        File.WriteAllText(Path.Combine(config.ConfigDir, "canary_policy.yaml"), CanaryPolicy);
        File.WriteAllText(Path.Combine(config.ConfigDir, "feedback_rules.yaml"), """
            version: 1
            rules:
              - name: traffic-seen
                when: rps > 0
                for: 1 intervals
                propose:
                  knob: concurrency_limit
                  direction: increase

            """);
        return config;
    }

    private static string Indent(string query) =>
        string.Join('\n', query.Split('\n').Select(l => "            " + l.Trim()));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is not worth failing a test for.
        }
    }
}
