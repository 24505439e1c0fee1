using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>
/// The whole chain for the example's checkout service, from its own raw metrics (the SLI templates of
/// config/services.yaml) through the recording rules to the alerts, run by promtool.
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
                      runbook_url: 'docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
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
                      runbook_url: 'docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
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
                      runbook_url: 'docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
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
                      runbook_url: 'docs/INCIDENT_PLAYBOOKS.md#lumen-error-budget-burn'
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
                      runbook_url: 'docs/INCIDENT_PLAYBOOKS.md#lumen-latency-p95-over-slo'
        """;

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
