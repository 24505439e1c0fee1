using Lumen.Core.Publishing;

namespace Lumen.Core.Tests.Publishing;

/// <summary>A snapshot with every family, given in scrambled order so the formatter's sorting shows.</summary>
internal static class SampleSnapshot
{
    public static MetricsSnapshot Create() => new()
    {
        Stage = "dev",
        LedgerHeadHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Tracks =
        [
            new TrackMetrics("search", "canary", 0.21, 0.002, 40.5),
            new TrackMetrics("checkout", "canary", 0.35, 0.01, 12),
            new TrackMetrics("checkout", "baseline", 0.3125, 0, 120),
            new TrackMetrics("search", "baseline", null, null, null),
        ],
        Readings =
        [
            new SliReadingMetric("search", "baseline", "p95_ms", false, "missing"),
            new SliReadingMetric("checkout", "canary", "p95_ms", true, "ok"),
            new SliReadingMetric("checkout", "baseline", "p95_ms", true, "ok"),
        ],
        Services =
        [
            new ServiceMetrics("search", CoherenceRatio: 0.5, ActiveAdjustments: 0, CanaryDecision: PublishedCanaryDecision.Fail),
            new ServiceMetrics("checkout", 0.92, 4.71238898038469, 0.81, 1, -0.015, PublishedCanaryDecision.Pass),
        ],
        AdjustmentOutcomes =
        [
            new AdjustmentOutcomeCount("checkout", "rolled_back", 7),
            new AdjustmentOutcomeCount("checkout", "applied", 9),
            new AdjustmentOutcomeCount("checkout", "promoted", 1),
        ],
        SliReadingCounts =
        [
            new SliReadingCount("search", "p95_ms", "missing", 3),
            new SliReadingCount("checkout", "p95_ms", "ok", 120),
        ],
        LedgerHeadSeq = 1042,
        LoopLastSuccessUnixSeconds = 1767225600,
        TickDurationSeconds = 0.0425,
    };
}
