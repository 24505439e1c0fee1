namespace Lumen.Core.Metrics;

/// <summary>
/// The names of the metrics Lumen publishes (textfile and <c>/metrics</c>), the contract between the
/// publisher and the generated alerting rules. docs/metrics.md describes each one; every series
/// carries a <c>stage</c> label, per-service series also <c>service</c> (and <c>track</c> where the
/// value differs between baseline and canary).
/// </summary>
public static class LumenMetricNames
{
    /// <summary>Gauge: the service's p95 latency over its SLI window, in seconds.</summary>
    public const string SliLatencyP95Seconds = "lumen_sli_latency_p95_seconds";

    /// <summary>Gauge: failed requests / all requests over the SLI window (0..1).</summary>
    public const string SliErrorRatio = "lumen_sli_error_ratio";

    /// <summary>Gauge: requests per second over the SLI window.</summary>
    public const string SliRequestsPerSecond = "lumen_sli_requests_per_second";

    /// <summary>Gauge: the recency-weighted health (docs/rhythm.md), 0..1.</summary>
    public const string CoherenceRatio = "lumen_coherence_ratio";

    /// <summary>Gauge: position in the dominant traffic cycle, radians in [0, 2π).</summary>
    public const string PhaseRadians = "lumen_phase_radians";

    /// <summary>Gauge: 1 when the mapper has enough history for the service's coordinates, 0 while it warms up.</summary>
    public const string MapperReady = "lumen_mapper_ready";

    /// <summary>Gauge: the span of the service's usable SLI history the mapper reads, in seconds.</summary>
    public const string MapperHistorySeconds = "lumen_mapper_history_seconds";

    /// <summary>Gauge: adjustments currently applied and not yet rolled back or promoted.</summary>
    public const string ActiveAdjustments = "lumen_active_adjustments";

    /// <summary>Counter: adjustments by <c>outcome</c> (see <see cref="AdjustmentOutcomes"/>).</summary>
    public const string AdjustmentsTotal = "lumen_adjustments_total";

    /// <summary>Counter: compare-and-set conflicts (a knob found at a value Lumen did not set, left alone).</summary>
    public const string AdjustmentConflictsTotal = "lumen_adjustment_conflicts_total";

    /// <summary>Gauge: open adjustments whose last restore attempt failed.</summary>
    public const string RollbacksFailing = "lumen_rollbacks_failing";

    /// <summary>Gauge: 1 while the loop holds the service's target lease, 0 when it does not.</summary>
    public const string LeaseHeld = "lumen_lease_held";

    /// <summary>Counter: failed ledger appends since the process started.</summary>
    public const string LedgerWriteFailuresTotal = "lumen_ledger_write_failures_total";

    /// <summary>Gauge: the learning signal r of the last judged action.</summary>
    public const string BanditReward = "lumen_bandit_reward";

    /// <summary>Gauge: the last canary verdict: 1 pass, 0 inconclusive, -1 fail.</summary>
    public const string CanaryDecision = "lumen_canary_decision";

    /// <summary>Gauge: the sequence number of the ledger's last entry.</summary>
    public const string LedgerHeadSeq = "lumen_ledger_head_seq";

    /// <summary>Gauge: Unix time (seconds) at which the loop last finished a tick successfully.</summary>
    public const string LoopLastSuccessTimestampSeconds = "lumen_loop_last_success_timestamp_seconds";

    /// <summary>Histogram: how long one tick of the loop took, in seconds.</summary>
    public const string TickDurationSeconds = "lumen_tick_duration_seconds";

    /// <summary>The values of the <c>outcome</c> label of <see cref="AdjustmentsTotal"/>.</summary>
    public static class AdjustmentOutcomes
    {
        /// <summary>Executed on the target (the value read back matched).</summary>
        public const string Applied = "applied";

        /// <summary>Decided in shadow mode (DRY_RUN): written to the ledger, not executed.</summary>
        public const string Shadow = "shadow";

        /// <summary>Undone early: the coherence brake, a failed canary check or an operator.</summary>
        public const string RolledBack = "rolled_back";

        /// <summary>Undone because its TTL ran out (the normal end of an experiment).</summary>
        public const string Expired = "expired";

        /// <summary>Made the baseline by a promotion.</summary>
        public const string Promoted = "promoted";

        /// <summary>The executor failed; the intent is reconciled on the next tick.</summary>
        public const string Failed = "failed";
    }
}
