using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Lumen.Core.Metrics;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// What Prometheus must record and alert on for one stage (docs/alerting.md). A pure function of the
/// stage's numbers and the services' SLI templates; the YAML writers and the promtool test writer
/// both read it, so the rules and their tests cannot drift apart.
/// </summary>
internal static class LumenAlertCatalog
{
    public const string LatencyOverSlo = "LumenLatencyP95OverSlo";
    public const string ErrorRateOverSlo = "LumenErrorRateOverSlo";
    public const string ErrorBudgetBurn = "LumenErrorBudgetBurn";
    public const string CoherenceLow = "LumenCoherenceLow";
    public const string LoopStale = "LumenLoopStale";
    public const string LoopAbsent = "LumenLoopAbsent";
    public const string RollbackStorm = "LumenRollbackStorm";
    public const string AdjustmentConflict = "LumenAdjustmentConflict";
    public const string RollbackFailing = "LumenRollbackFailing";
    public const string LedgerWriteFailing = "LumenLedgerWriteFailing";
    public const string LeaseLost = "LumenLeaseLost";

    /// <summary>
    /// The recording rules: per service, the SLO-window SLIs and the error ratio over every burn window.
    /// The windows up to 6h are computed from the service's raw series (its SLI template); the ticket
    /// windows 1d and 3d average the recorded 5m ratio over the window, as Sloth computes its SLO-period
    /// ratio (<see cref="BurnRateWindow.DerivedWindows"/>, docs/alerting.md), so no rule reads days of raw counters.
    /// </summary>
    public static ImmutableArray<RecordingRuleSpec> RecordingRules(AlertingPolicy policy, IReadOnlyList<ServiceSliQueries> services)
    {
        var rules = ImmutableArray.CreateBuilder<RecordingRuleSpec>();
        foreach (var service in services)
        {
            // The service label repeats what the template's `by (service, track)` yields; it keeps each
            // service's rules distinct (promtool's lint rejects same name and labels). The selector's
            // equality matchers label the series so the alerts (and dashboards) can tell environments apart.
            ImmutableArray<KeyValuePair<string, string>> labels = [new("stage", policy.Stage), new("service", service.Name), .. policy.SelectorLabelPairs];
            var p95 = PromQl.Instantiate(service.P95MsTemplate, service.Name, service.Window, policy.Selector);
            rules.Add(new(RecordedNames.LatencyP95Window, "(\n" + Indent(p95) + "\n)\n/ 1000", labels));
            rules.Add(new(RecordedNames.ErrorRatioWindow, PromQl.Instantiate(service.ErrorRateTemplate, service.Name, service.Window, policy.Selector), labels));
            foreach (var window in BurnRateWindow.AllWindows)
            {
                rules.Add(new(RecordedNames.ErrorRatio(window), ErrorRatioExpr(policy, service, window), labels));
            }
        }

        return rules.ToImmutable();
    }

    // A window without a request is 0/0: recorded as nothing (`>= 0` drops NaN) rather than NaN, so an idle
    // hour neither fires nor poisons the averages of the long windows.
    private static string ErrorRatioExpr(AlertingPolicy policy, ServiceSliQueries service, string window)
    {
        if (BurnRateWindow.DerivedWindows.Contains(window, StringComparer.Ordinal))
        {
            var source = RecordedNames.ErrorRatio(BurnRateWindow.DerivedFrom);
            return $"avg_over_time({source}{{{policy.AlertMatchers}, service={PromQl.Quote(service.Name)}}}[{window}])";
        }

        return "(\n" + Indent(PromQl.Instantiate(service.ErrorRateTemplate, service.Name, window, policy.Selector)) + "\n)\n>= 0";
    }

    /// <summary>The alerts on the services' SLOs: breaches (warnings) and error-budget burn (pages, tickets).</summary>
    public static ImmutableArray<AlertRuleSpec> SloAlerts(AlertingPolicy policy)
    {
        var s = policy.Stage;
        var sel = Selector(policy);
        var breachFor = PromDurationText.Format(policy.BreachFor);
        var alerts = ImmutableArray.CreateBuilder<AlertRuleSpec>();
        alerts.Add(new(
            LatencyOverSlo,
            $"{RecordedNames.LatencyP95Window}{sel} > {YamlText.Number(policy.LatencyP95Ms / 1000)}",
            policy.BreachFor,
            Labels(policy, AlertSeverity.Warning),
            $"{{service}} ({{track}}): p95 latency over the {s} SLO",
            $"p95 latency of {{service}} ({{track}}) is {{value}}, over the {s} objective of {Num(policy.LatencyP95Ms)} ms for {breachFor}.",
            ValueFormat.Duration,
            Runbook(policy, LatencyOverSlo)));
        alerts.Add(new(
            ErrorRateOverSlo,
            $"{RecordedNames.ErrorRatioWindow}{sel} > {YamlText.Number(policy.ErrorRateObjective)}",
            policy.BreachFor,
            Labels(policy, AlertSeverity.Warning),
            $"{{service}} ({{track}}): error rate over the {s} SLO",
            $"{{value}} of the requests of {{service}} ({{track}}) fail, over the {s} objective of {Percent(policy.ErrorRateObjective)} for {breachFor}.",
            ValueFormat.Percentage,
            Runbook(policy, ErrorRateOverSlo)));
        foreach (var w in BurnRateWindow.Workbook)
        {
            var threshold = $"({YamlText.Number(w.BurnRate)} * {YamlText.Number(policy.ErrorRateObjective)})";
            alerts.Add(new(
                ErrorBudgetBurn,
                $"{RecordedNames.ErrorRatio(w.LongWindow)}{sel} > {threshold}\nand\n{RecordedNames.ErrorRatio(w.ShortWindow)}{sel} > {threshold}",
                TimeSpan.Zero,
                [.. Labels(policy, w.Severity),
                    new("long_window", w.LongWindow), new("short_window", w.ShortWindow), new("burn_rate", YamlText.Number(w.BurnRate))],
                $"{{service}} ({{track}}): error budget burning {YamlText.Number(w.BurnRate)}x too fast",
                $"{{value}} of the requests of {{service}} ({{track}}) failed over the last {w.LongWindow} (and still over the last {w.ShortWindow}): "
                    + $"{YamlText.Number(w.BurnRate)} times the {s} error budget of {Percent(policy.ErrorRateObjective)}.",
                ValueFormat.Percentage,
                Runbook(policy, ErrorBudgetBurn)));
        }

        return alerts.ToImmutable();
    }

    /// <summary>The alerts on Lumen itself: low coherence, a stale or missing loop, a rollback storm, and the
    /// safety faults that also make <c>/readyz</c> not ready (docs/reliability.md): a conflict, a failing
    /// restore, a failed ledger write, a lease not held.</summary>
    public static ImmutableArray<AlertRuleSpec> ControllerAlerts(AlertingPolicy policy)
    {
        var s = policy.Stage;
        var sel = Selector(policy);
        var stale = policy.StaleAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return
        [
            new(
                CoherenceLow,
                $"{LumenMetricNames.CoherenceRatio}{sel} < {YamlText.Number(policy.CoherenceMin)}",
                policy.BreachFor,
                Labels(policy, AlertSeverity.Warning),
                $"{{service}} ({{track}}): coherence under the {s} minimum",
                $"Coherence of {{service}} ({{track}}) is {{value}}, under the {s} minimum of {Num(policy.CoherenceMin)} for {PromDurationText.Format(policy.BreachFor)}: "
                    + "its SLIs have missed their objectives for a while.",
                ValueFormat.TwoDecimals,
                Runbook(policy, CoherenceLow)),
            new(
                LoopStale,
                $"time() - {LumenMetricNames.LoopLastSuccessTimestampSeconds}{sel} > {stale}",
                TimeSpan.Zero,
                Labels(policy, AlertSeverity.Ticket),
                $"Lumen loop of stage {s} is stale",
                $"The Lumen loop of stage {s} last finished a tick {{value}} s ago (more than 3 intervals of {Num(policy.IntervalSeconds)} s): "
                    + "nothing is tuned and TTL rollbacks are not happening.",
                ValueFormat.Whole,
                Runbook(policy, LoopStale)),
            new(
                LoopAbsent,
                $"absent({LumenMetricNames.LoopLastSuccessTimestampSeconds}{sel})",
                policy.BreachFor,
                Labels(policy, AlertSeverity.Ticket),
                $"Lumen loop of stage {s} publishes no metrics",
                $"Prometheus has no {LumenMetricNames.LoopLastSuccessTimestampSeconds} for stage {s}: the loop is not running, "
                    + "or its textfile or /metrics is not scraped.",
                ValueFormat.None,
                Runbook(policy, LoopAbsent)),
            new(
                RollbackStorm,
                $"sum by (stage, service) (increase({LumenMetricNames.AdjustmentsTotal}{{{policy.AlertMatchers}, outcome=\"{LumenMetricNames.AdjustmentOutcomes.RolledBack}\"}}[1h])) > {Num(policy.RollbackStormPerHour)}",
                TimeSpan.Zero,
                Labels(policy, AlertSeverity.Ticket),
                $"{{service}}: Lumen rolled back many adjustments in stage {s}",
                $"Lumen rolled back {{value}} adjustments of {{service}} in the last hour (more than {Num(policy.RollbackStormPerHour)}): "
                    + "its changes keep hurting the service.",
                ValueFormat.Whole,
                Runbook(policy, RollbackStorm)),
            new(
                AdjustmentConflict,
                $"sum by (stage, service) (increase({LumenMetricNames.AdjustmentConflictsTotal}{sel}[1h])) > 0",
                TimeSpan.Zero,
                Labels(policy, AlertSeverity.Ticket),
                $"{{service}}: someone else changed a knob Lumen had set in stage {s}",
                $"{{value}} compare-and-set conflict(s) on {{service}} in the last hour: a knob no longer held the value Lumen set, "
                    + "so Lumen left it alone (adjustment.conflict in the ledger names the knob, the expected and the observed value). "
                    + "Another controller or a person is changing the same target.",
                ValueFormat.Whole,
                Runbook(policy, AdjustmentConflict)),
            new(
                RollbackFailing,
                $"{LumenMetricNames.RollbacksFailing}{sel} > 0",
                TimeSpan.FromSeconds(policy.IntervalSeconds),
                Labels(policy, AlertSeverity.Page),
                $"{{service}}: Lumen cannot restore a knob in stage {s}",
                $"{{value}} adjustment(s) of {{service}} are past their restore and every attempt failed (rollback.failed in the ledger): "
                    + "a change stays applied on the canary. Lumen retries with backoff; fix the target or restore by hand.",
                ValueFormat.Whole,
                Runbook(policy, RollbackFailing)),
            new(
                LedgerWriteFailing,
                $"{LumenMetricNames.LedgerWriteFailuresTotal}{sel} > 0",
                TimeSpan.FromSeconds(policy.IntervalSeconds),
                Labels(policy, AlertSeverity.Page),
                $"Lumen cannot write its ledger in stage {s}",
                $"{{value}} ledger append(s) failed (a full disk or an I/O error): the loop restored its open adjustments and stopped. "
                    + "Free space in the state directory and restart it.",
                ValueFormat.Whole,
                Runbook(policy, LedgerWriteFailing)),
            new(
                LeaseLost,
                $"{LumenMetricNames.LeaseHeld}{sel} == 0",
                policy.BreachFor,
                Labels(policy, AlertSeverity.Warning),
                $"{{service}}: Lumen does not hold the lease on its target in stage {s}",
                $"The Lumen loop of stage {s} has not held the lease on {{service}}'s target for {PromDurationText.Format(policy.BreachFor)}: "
                    + "another controller holds it, or it cannot be renewed. This loop does not act on {service} (a standby replica expects this).",
                ValueFormat.None,
                Runbook(policy, LeaseLost)),
        ];
    }

    /// <summary>The anchor of an alert's section in the playbook: its name in kebab case.</summary>
    public static string Anchor(string alertName)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < alertName.Length; i++)
        {
            var c = alertName[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(alertName[i - 1]))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static string Runbook(AlertingPolicy policy, string alert) => policy.RunbookBase + "#" + Anchor(alert);

    private static string Selector(AlertingPolicy policy) => "{" + policy.AlertMatchers + "}";

    private static ImmutableArray<KeyValuePair<string, string>> Labels(AlertingPolicy policy, string severity) =>
        [new("severity", severity), new("stage", policy.Stage), .. policy.SelectorLabelPairs];

    private static string Num(double v) => YamlText.Number(v);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
