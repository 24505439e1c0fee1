using System.Collections.Immutable;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// A successful query answer (<c>status: success</c>): the result and any <c>warnings</c>. With
/// warnings the data are kept but the reading is degraded (e.g. a Thanos store or a Mimir querier
/// did not answer, so the result may be partial).
/// </summary>
public sealed record PromQueryData(PromResultType ResultType, ImmutableArray<PromSeries> Series, ImmutableArray<string> Warnings)
{
    public bool IsDegraded => !Warnings.IsDefaultOrEmpty;
}
