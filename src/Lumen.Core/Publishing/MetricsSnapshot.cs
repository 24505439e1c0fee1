using System.Collections.Immutable;

namespace Lumen.Core.Publishing;

/// <summary>
/// Everything Lumen publishes, as of one tick (docs/metrics.md). Built by the loop, turned into text by
/// <see cref="PrometheusTextFormatter"/>, written by an <see cref="IMetricsSink"/>.
/// </summary>
public sealed record MetricsSnapshot
{
    public static readonly MetricsSnapshot Empty = new();

    public ImmutableArray<TrackMetrics> Tracks { get; init; } = [];

    public ImmutableArray<SliReadingMetric> Readings { get; init; } = [];

    public ImmutableArray<ServiceMetrics> Services { get; init; } = [];

    public ImmutableArray<AdjustmentOutcomeCount> AdjustmentOutcomes { get; init; } = [];

    public ImmutableArray<SliReadingCount> SliReadingCounts { get; init; } = [];

    /// <summary>The stage the loop runs for; when set, every series carries a <c>stage</c> label.</summary>
    public string? Stage { get; init; }

    /// <summary>The proof ledger's last entry hash (with <see cref="LedgerHeadSeq"/>, the head a
    /// checkpoint must match), published as the <c>hash</c> label of <c>lumen_ledger_head_info</c>.</summary>
    public string? LedgerHeadHash { get; init; }

    /// <summary>The proof ledger's last sequence number (its head), so truncation from the end is visible.</summary>
    public long? LedgerHeadSeq { get; init; }

    /// <summary>When the last tick completed without error, in Unix seconds; an alert fires when it stops moving.</summary>
    public double? LoopLastSuccessUnixSeconds { get; init; }

    /// <summary>Ledger appends that failed since the process started (a full disk, an I/O error).</summary>
    public long? LedgerWriteFailures { get; init; }

    /// <summary>How long the last tick took, in seconds.</summary>
    public double? TickDurationSeconds { get; init; }
}
