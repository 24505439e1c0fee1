using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// Where one item of the <c>rules:</c> list sits in the text (0-based lines) and the few keys the
/// merge needs. <see cref="FirstLine"/> includes the comment lines directly above the item: they
/// belong to it and move (or go) with it.
/// </summary>
internal sealed record RuleItem(int FirstLine, int DashLine, int DashColumn, int LastLine, string? Name, bool Managed, ImmutableArray<string> Stages)
{
    /// <summary>A managed rule that a sync of <paramref name="stage"/> rewrites: its own, or one for every stage.</summary>
    public bool IsManagedFor(string stage) => Managed && (Stages.IsEmpty || Stages.Contains(stage, StringComparer.Ordinal));
}
