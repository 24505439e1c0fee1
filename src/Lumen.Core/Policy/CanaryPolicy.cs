using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary><c>canary_policy.yaml</c>: canary gates per stage, in file order.</summary>
public sealed record CanaryPolicy(ImmutableArray<CanaryStagePolicy> Stages)
{
    public CanaryStagePolicy? Find(string stage) =>
        Stages.FirstOrDefault(s => string.Equals(s.Stage, stage, StringComparison.Ordinal));
}
