using System.Collections.Immutable;

namespace Lumen.Core.Canary;

/// <summary>The judge's state of mind after an interval.</summary>
/// <param name="IsFinal">A decision (pass or fail), or inconclusive at max_intervals: stop looking.</param>
/// <param name="DecidedAt">Timestamp of the interval that made the verdict final; null while it is not.</param>
/// <param name="IntervalsSeen">Paired intervals given to the judge.</param>
/// <param name="IntervalsUsed">Of those, the ones compared (phase mismatches are skipped).</param>
public sealed record CanaryVerdict(
    CanaryOutcome Outcome,
    bool IsFinal,
    DateTimeOffset? DecidedAt,
    int IntervalsSeen,
    int IntervalsUsed,
    long BaselineRequests,
    long CanaryRequests,
    ImmutableArray<CanaryGateResult> Gates,
    ImmutableArray<string> Reasons);
