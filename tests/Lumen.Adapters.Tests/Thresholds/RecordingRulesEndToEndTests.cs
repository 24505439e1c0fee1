using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>
/// The whole chain for the example's checkout service, from its own raw metrics (the SLI templates of
/// config/services.yaml) through the recording rules (the long windows from the recorded 5m ratio) to the
/// alerts, run by promtool: a fast burn pages, a slow burn opens tickets only, a healthy service fires nothing.
/// </summary>
[Trait("Speed", "Slow")] // runs promtool's unit tests on the generated rules
public sealed class RecordingRulesEndToEndTests
{
    // 10 requests/s on each track; the canary fails 90 % of them from t=0, the baseline 1 %.
    // Latency: every baseline request in the 0.25 s bucket, every canary request in the 1 s bucket.
    private const string Test = """
        rule_files:
          - lumen.rules.yml
        evaluation_interval: 30s
        tests:
          - interval: 30s
            input_series:
              - series: 'http_requests_received_total{service="checkout",track="canary"}'
                values: '0+300x240'
              - series: 'http_requests_errors_total{service="checkout",track="canary"}'
                values: '0+270x240'
              - series: 'http_requests_received_total{service="checkout",track="baseline"}'
                values: '0+300x240'
              - series: 'http_requests_errors_total{service="checkout",track="baseline"}'
                values: '0+3x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="baseline",le="0.25"}'
                values: '0+300x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="baseline",le="1"}'
                values: '0+300x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="baseline",le="+Inf"}'
                values: '0+300x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="canary",le="0.25"}'
                values: '0+0x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="canary",le="1"}'
                values: '0+300x240'
              - series: 'http_request_duration_seconds_bucket{service="checkout",track="canary",le="+Inf"}'
                values: '0+300x240'
            promql_expr_test:
              - expr: service_track:lumen_sli_error_ratio:rate5m
                eval_time: 30m
                exp_samples:
                  - labels: 'service_track:lumen_sli_error_ratio:rate5m{service="checkout",stage="dev",track="baseline"}'
                    value: 0.01
                  - labels: 'service_track:lumen_sli_error_ratio:rate5m{service="checkout",stage="dev",track="canary"}'
                    value: 0.9
              - expr: service_track:lumen_sli_latency_p95_seconds:window > bool 0.6
                eval_time: 30m
                exp_samples:
                  - labels: '{service="checkout",stage="dev",track="baseline"}'
                    value: 0
                  - labels: '{service="checkout",stage="dev",track="canary"}'
                    value: 1
            alert_rule_test:
              # The canary fails 90 % from the start, so every window burns; the baseline's 1 % is within budget.
              - eval_time: 90m
                alertname: LumenErrorBudgetBurn
                exp_alerts:
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: page
                      long_window: '1h'
                      short_window: '5m'
                      burn_rate: '14.4'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 14.4x too fast'
                      description: '90% of the requests of checkout (canary) failed over the last 1h (and still over the last 5m): 14.4 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: page
                      long_window: '6h'
                      short_window: '30m'
                      burn_rate: '6'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 6x too fast'
                      description: '90% of the requests of checkout (canary) failed over the last 6h (and still over the last 30m): 6 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: ticket
                      long_window: '1d'
                      short_window: '2h'
                      burn_rate: '3'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 3x too fast'
                      description: '90% of the requests of checkout (canary) failed over the last 1d (and still over the last 2h): 3 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: ticket
                      long_window: '3d'
                      short_window: '6h'
                      burn_rate: '1'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 1x too fast'
                      description: '90% of the requests of checkout (canary) failed over the last 3d (and still over the last 6h): 1 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
              - eval_time: 10m
                alertname: LumenLatencyP95OverSlo
                exp_alerts:
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: warning
                    exp_annotations:
                      summary: 'checkout (canary): p95 latency over the dev SLO'
                      description: 'p95 latency of checkout (canary) is 962.5ms, over the dev objective of 600 ms for 5m.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-latency-p95-over-slo'
        """;

    // A slow burn: 20 requests/s, 20 % of them failing for four hours (4 × dev's 5 % budget). Under both page
    // thresholds (14.4 × 5 % = 72 %, 6 × 5 % = 30 %), over both ticket thresholds (15 %, 5 %): two tickets,
    // no page. The 1d and 3d ratios are the average of the recorded 5m ratio. The baseline gets no request
    // at all: its ratio is 0/0, recorded as nothing, and nothing fires for it.
    private const string SlowBurn = """
        rule_files:
          - lumen.rules.yml
        evaluation_interval: 30s
        tests:
          - interval: 30s
            input_series:
              - series: 'http_requests_received_total{service="checkout",track="canary"}'
                values: '0+600x480'
              - series: 'http_requests_errors_total{service="checkout",track="canary"}'
                values: '0+120x480'
              - series: 'http_requests_received_total{service="checkout",track="baseline"}'
                values: '0x480'
              - series: 'http_requests_errors_total{service="checkout",track="baseline"}'
                values: '0x480'
            promql_expr_test:
              - expr: service_track:lumen_sli_error_ratio:rate5m{track="baseline"}
                eval_time: 4h
                exp_samples: []
              - expr: round(service_track:lumen_sli_error_ratio:rate1d, 0.0001)
                eval_time: 4h
                exp_samples:
                  - labels: '{service="checkout",stage="dev",track="canary"}'
                    value: 0.2
              - expr: round(service_track:lumen_sli_error_ratio:rate3d, 0.0001)
                eval_time: 4h
                exp_samples:
                  - labels: '{service="checkout",stage="dev",track="canary"}'
                    value: 0.2
            alert_rule_test:
              - eval_time: 4h
                alertname: LumenErrorBudgetBurn
                exp_alerts:
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: ticket
                      long_window: '1d'
                      short_window: '2h'
                      burn_rate: '3'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 3x too fast'
                      description: '20% of the requests of checkout (canary) failed over the last 1d (and still over the last 2h): 3 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
                  - exp_labels:
                      service: checkout
                      track: canary
                      stage: dev
                      severity: ticket
                      long_window: '3d'
                      short_window: '6h'
                      burn_rate: '1'
                    exp_annotations:
                      summary: 'checkout (canary): error budget burning 1x too fast'
                      description: '20% of the requests of checkout (canary) failed over the last 3d (and still over the last 6h): 1 times the dev error budget of 5 %.'
                      runbook_url: 'https://github.com/lumen-controller/lumen/blob/main/docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
        """;

    // Healthy: 1 % errors (a fifth of the budget) on both tracks for four hours: nothing fires, at any time.
    private const string Healthy = """
        rule_files:
          - lumen.rules.yml
        evaluation_interval: 30s
        tests:
          - interval: 30s
            input_series:
              - series: 'http_requests_received_total{service="checkout",track="canary"}'
                values: '0+600x480'
              - series: 'http_requests_errors_total{service="checkout",track="canary"}'
                values: '0+6x480'
              - series: 'http_requests_received_total{service="checkout",track="baseline"}'
                values: '0+600x480'
              - series: 'http_requests_errors_total{service="checkout",track="baseline"}'
                values: '0+6x480'
            promql_expr_test:
              - expr: round(service_track:lumen_sli_error_ratio:rate3d, 0.0001)
                eval_time: 4h
                exp_samples:
                  - labels: '{service="checkout",stage="dev",track="baseline"}'
                    value: 0.01
                  - labels: '{service="checkout",stage="dev",track="canary"}'
                    value: 0.01
            alert_rule_test:
        """;

    [Fact]
    public void RecordingRules_SlowBurn_OpensTicketsAndPagesNobody()
    {
        using var dir = new TempDir();
        dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(ExampleStages.Dev, [ExampleStages.Services[0]]));
        var test = dir.Write("slow.test.yml", SlowBurn);

        var result = ExternalTool.Run("promtool", dir.Path, "test", "rules", test);

        Assert.True(result.ExitCode == 0, result.Describe("promtool test rules"));
    }

    [Fact]
    public void RecordingRules_HealthyService_FiresNothing()
    {
        using var dir = new TempDir();
        dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(ExampleStages.Dev, [ExampleStages.Services[0]]));
        var checks = string.Concat(
            from alert in new[] { "LumenErrorBudgetBurn", "LumenErrorRateOverSlo", "LumenLatencyP95OverSlo" }
            from at in new[] { "10m", "1h", "2h", "4h" }
            select $"      - eval_time: {at}\n        alertname: {alert}\n        exp_alerts: []\n");
        var test = dir.Write("healthy.test.yml", Healthy + "\n" + checks);

        var result = ExternalTool.Run("promtool", dir.Path, "test", "rules", test);

        Assert.True(result.ExitCode == 0, result.Describe("promtool test rules"));
        Assert.Contains("SUCCESS", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordingRules_ExampleCheckoutTemplates_FeedTheAlertsFromRawMetrics()
    {
        using var dir = new TempDir();
        dir.Write("lumen.rules.yml", PrometheusRulesGenerator.Generate(ExampleStages.Dev, [ExampleStages.Services[0]]));
        var test = dir.Write("e2e.test.yml", Test);

        var result = ExternalTool.Run("promtool", dir.Path, "test", "rules", test);

        Assert.True(result.ExitCode == 0, result.Describe("promtool test rules"));
    }
}
