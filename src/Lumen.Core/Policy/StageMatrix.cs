using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary><c>stage_matrix.yaml</c>: the stages in file order.</summary>
public sealed record StageMatrix(ImmutableArray<StageConfig> Stages)
{
    /// <summary>The stage called <paramref name="name"/> (ordinal), or null.</summary>
    public StageConfig? Find(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
