using System.Text;

namespace Lumen.Core.Publishing;

/// <summary>
/// Turns a <see cref="MetricsSnapshot"/> into the Prometheus text format (docs/metrics.md lists the contract).
/// </summary>
/// <remarks>
/// Written by hand rather than through prometheus-net's registry because a textfile is a snapshot,
/// not a live registry: series must disappear when a service leaves the config, unknown values
/// must be absent rather than 0, counters are rebuilt from the ledger each tick, and the output
/// must be byte-for-byte deterministic (golden-file test, no timestamps) so node_exporter and
/// diffs see only real changes. Families come in contract order, series sorted ordinally by
/// their label values; families without series are left out.
/// </remarks>
public static class PrometheusTextFormatter
{
    public static string Format(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var builder = new StringBuilder(4096);
        var tracks = snapshot.Tracks;
        var services = snapshot.Services;
        var stage = snapshot.Stage;

        Gauge(builder, stage, "lumen_sli_latency_p95_seconds", "95th percentile request latency of the service's track, from its SLI query.",
            ["service", "track"], tracks.Where(t => t.LatencyP95Seconds is not null)
                .Select(t => Sample([t.Service, t.Track], t.LatencyP95Seconds!.Value)));
        Gauge(builder, stage, "lumen_sli_error_ratio", "Share of failed requests (0..1) of the service's track.",
            ["service", "track"], tracks.Where(t => t.ErrorRatio is not null)
                .Select(t => Sample([t.Service, t.Track], t.ErrorRatio!.Value)));
        Gauge(builder, stage, "lumen_sli_requests_per_second", "Request throughput of the service's track.",
            ["service", "track"], tracks.Where(t => t.RequestsPerSecond is not null)
                .Select(t => Sample([t.Service, t.Track], t.RequestsPerSecond!.Value)));
        Gauge(builder, stage, "lumen_sli_reading_ok", "1 when the last reading of the SLI was Ok and may feed a decision, else 0.",
            ["service", "track", "sli"], snapshot.Readings
                .Select(r => Sample([r.Service, r.Track, r.Sli], r.Ok ? 1 : 0)));
        Gauge(builder, stage, "lumen_sli_reading_status_info", "Always 1; the status label says how the last reading of the SLI went.",
            ["service", "track", "sli", "status"], snapshot.Readings
                .Select(r => Sample([r.Service, r.Track, r.Sli, r.Status], 1)));
        Gauge(builder, stage, "lumen_coherence_ratio", "Recency-weighted mean health of the service (0..1).",
            ["service"], services.Where(s => s.CoherenceRatio is not null)
                .Select(s => Sample([s.Service], s.CoherenceRatio!.Value)));
        Gauge(builder, stage, "lumen_phase_radians", "Position of the service in its dominant traffic cycle; 0 is the fitted peak.",
            ["service"], services.Where(s => s.PhaseRadians is not null)
                .Select(s => Sample([s.Service], s.PhaseRadians!.Value)));
        Gauge(builder, stage, "lumen_rhythm_strength_ratio", "Share of the traffic variance explained by the fitted cycle (0..1).",
            ["service"], services.Where(s => s.RhythmStrengthRatio is not null)
                .Select(s => Sample([s.Service], s.RhythmStrengthRatio!.Value)));
        Gauge(builder, stage, "lumen_mapper_ready", "1 when the mapper has enough history to give the service's coordinates (the loop may act), 0 while it warms up.",
            ["service"], services.Where(s => s.MapperReady is not null)
                .Select(s => Sample([s.Service], s.MapperReady!.Value ? 1 : 0)));
        Gauge(builder, stage, "lumen_mapper_history_seconds", "Span of the service's usable SLI history the mapper reads (first to last usable rps sample).",
            ["service"], services.Where(s => s.MapperHistorySeconds is not null)
                .Select(s => Sample([s.Service], s.MapperHistorySeconds!.Value)));
        Gauge(builder, stage, "lumen_active_adjustments", "Adjustments of the service currently applied and not yet rolled back or promoted.",
            ["service"], services.Where(s => s.ActiveAdjustments is not null)
                .Select(s => Sample([s.Service], s.ActiveAdjustments!.Value)));
        Family(builder, stage, "lumen_adjustments_total", "counter", "Adjustments of the service by final outcome, counted from the ledger.",
            ["service", "outcome"], snapshot.AdjustmentOutcomes
                .Select(a => (Labels: new[] { a.Service, a.Outcome }, Value: ExpositionText.FormatLong(a.Count))));
        Family(builder, stage, "lumen_adjustment_conflicts_total", "counter", "Compare-and-set conflicts: a knob found at a value Lumen did not set, left alone (counted from the ledger).",
            ["service"], services.Where(s => s.AdjustmentConflicts is not null)
                .Select(s => (Labels: new[] { s.Service }, Value: ExpositionText.FormatLong(s.AdjustmentConflicts!.Value))));
        Gauge(builder, stage, "lumen_rollbacks_failing", "Open adjustments of the service whose last restore attempt failed (retried with backoff).",
            ["service"], services.Where(s => s.RollbacksFailing is not null)
                .Select(s => Sample([s.Service], s.RollbacksFailing!.Value)));
        Gauge(builder, stage, "lumen_lease_held", "1 while the loop holds the lease on the service's target (it may act), 0 when another holder has it or it could not be renewed.",
            ["service"], services.Where(s => s.LeaseHeld is not null)
                .Select(s => Sample([s.Service], s.LeaseHeld!.Value ? 1 : 0)));
        Gauge(builder, stage, "lumen_bandit_reward", "Learning signal of the service's last rewarded bandit action.",
            ["service"], services.Where(s => s.BanditReward is not null)
                .Select(s => Sample([s.Service], s.BanditReward!.Value)));
        Gauge(builder, stage, "lumen_canary_decision", "Last canary check of the service: 1 pass, 0 inconclusive, -1 fail.",
            ["service"], services.Where(s => s.CanaryDecision is not null)
                .Select(s => Sample([s.Service], (int)s.CanaryDecision!.Value)));
        Gauge(builder, stage, "lumen_ledger_head_seq", "Sequence number of the last proof ledger entry.",
            [], Single(snapshot.LedgerHeadSeq));
        Gauge(builder, stage, "lumen_ledger_head_info", "Always 1; the hash label is the SHA-256 of the proof ledger's last entry.",
            ["hash"], snapshot.LedgerHeadHash is { } hash ? [Sample([hash], 1)] : []);
        Family(builder, stage, "lumen_ledger_write_failures_total", "counter", "Proof ledger appends that failed since the process started (a full disk, an I/O error).",
            [], snapshot.LedgerWriteFailures is { } failures ? [(Labels: Array.Empty<string>(), Value: ExpositionText.FormatLong(failures))] : []);
        Gauge(builder, stage, "lumen_loop_last_success_timestamp_seconds", "Unix time at which the last tick completed without error.",
            [], Single(snapshot.LoopLastSuccessUnixSeconds));
        Gauge(builder, stage, "lumen_tick_duration_seconds", "Duration of the last tick.",
            [], Single(snapshot.TickDurationSeconds));
        Family(builder, stage, "lumen_sli_readings_total", "counter", "SLI readings of the service by status since the process started.",
            ["service", "sli", "status"], snapshot.SliReadingCounts
                .Select(c => (Labels: new[] { c.Service, c.Sli, c.Status }, Value: ExpositionText.FormatLong(c.Count))));

        return builder.ToString();
    }

    private static (string[] Labels, string Value) Sample(string[] labels, double value) =>
        (labels, ExpositionText.FormatDouble(value));

    private static IEnumerable<(string[] Labels, string Value)> Single(double? value) =>
        value is null ? [] : [Sample([], value.Value)];

    private static void Gauge(
        StringBuilder builder, string? stage, string name, string help, string[] labelNames, IEnumerable<(string[] Labels, string Value)> samples) =>
        Family(builder, stage, name, "gauge", help, labelNames, samples);

    /// <summary>One metric family. When <paramref name="stage"/> is set, every series carries it as its
    /// first label (<c>stage="prod"</c>): the generated alert rules select on it (docs/metrics.md).</summary>
    private static void Family(
        StringBuilder builder,
        string? stage,
        string name,
        string type,
        string help,
        string[] labelNames,
        IEnumerable<(string[] Labels, string Value)> samples)
    {
        var sorted = samples.OrderBy(s => s.Labels, LabelValuesComparer.Instance).ToList();
        if (sorted.Count == 0)
        {
            return;
        }

        builder.Append("# HELP ").Append(name).Append(' ').Append(ExpositionText.EscapeHelp(help)).Append('\n');
        builder.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        for (var i = 0; i < sorted.Count; i++)
        {
            var (labels, value) = sorted[i];
            if (i > 0 && LabelValuesComparer.Instance.Compare(sorted[i - 1].Labels, labels) == 0)
            {
                // Two series with one label set make the whole file unreadable for Prometheus: a bug upstream.
                throw new ArgumentException($"Duplicate series {name}{{{string.Join(",", labels)}}} in the snapshot.", nameof(samples));
            }

            builder.Append(name);
            if (labelNames.Length > 0 || stage is not null)
            {
                builder.Append('{');
                if (stage is not null)
                {
                    builder.Append("stage=\"");
                    ExpositionText.AppendLabelValue(builder, stage);
                    builder.Append('"').Append(labelNames.Length > 0 ? "," : "");
                }

                for (var j = 0; j < labelNames.Length; j++)
                {
                    builder.Append(j == 0 ? "" : ",").Append(labelNames[j]).Append("=\"");
                    ExpositionText.AppendLabelValue(builder, labels[j]);
                    builder.Append('"');
                }

                builder.Append('}');
            }

            builder.Append(' ').Append(value).Append('\n');
        }
    }
}
