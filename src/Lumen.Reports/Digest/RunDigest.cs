using Lumen.Core.Ledger;

namespace Lumen.Reports.Digest;

/// <summary>
/// A ledger read into typed series for charts and the report (docs/ledger-entries.md is the
/// schema). Built by <see cref="RunDigestBuilder"/>; entries of unknown kinds are ignored.
/// </summary>
public sealed record RunDigest(
    RunInfo Info,
    IReadOnlyDictionary<string, IReadOnlyList<ObservationPoint>> Observations,
    IReadOnlyList<DecisionPoint> Decisions,
    IReadOnlyList<AdjustmentRecord> Adjustments,
    IReadOnlyList<RewardPoint> Rewards,
    long Ticks,
    long Entries,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    /// <summary>The kind the demo writes once, after <c>config.loaded</c>: environment, seed, days, tick length.</summary>
    public const string DemoStartedKind = "demo.started";

    /// <summary>The value-level tuner's verdicts (<c>trial.judged</c>), in ledger order.</summary>
    public IReadOnlyList<TrialPoint> Trials { get; init; } = [];

    public static RunDigest From(IReadOnlyList<LedgerEntry> entries) => RunDigestBuilder.Build(entries);

    /// <summary>Several replicas' ledgers merged in time order; <paramref name="sources"/> names each entry's ledger (0-based).</summary>
    public static RunDigest From(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<int> sources) => RunDigestBuilder.Build(entries, sources);

    /// <summary>Services in the order the run named them, then any others seen.</summary>
    public IEnumerable<string> ServiceNames =>
        Info.Services.Concat(Observations.Keys.Where(k => !Info.Services.Contains(k))).Where(Observations.ContainsKey);

    public TimeSpan Span => First is { } first && Last is { } last ? last - first : TimeSpan.Zero;
}
