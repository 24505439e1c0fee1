using System.Collections.Immutable;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Canary;

/// <summary>
/// One interval of one track of one service, the canary judge's input (docs/canary-records.md).
/// <see cref="Buckets"/> are cumulative, sorted by bound, and end with +Inf equal to <see cref="Requests"/>.
/// </summary>
/// <param name="Phase">Optional <c>phase</c> field (the rhythm mapper's label); null when absent.</param>
/// <param name="Coherence">Optional <c>coherence</c> field in [0,1]; null when absent.</param>
public sealed record IntervalRecord(
    DateTimeOffset Timestamp,
    string Service,
    CanaryTrack Track,
    long Requests,
    long Errors,
    ImmutableArray<LatencyBucket> Buckets,
    PhaseLabel? Phase = null,
    double? Coherence = null)
{
    /// <summary>Requests slower than the bucket bound at <paramref name="index"/> (exact: a bound of the histogram).</summary>
    public long CountAbove(int index) => Requests - Buckets[index].CumulativeCount;
}
