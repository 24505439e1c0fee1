using System.Collections.Immutable;

namespace Lumen.Runtime.Promotion;

/// <summary>What putting knobs back did: one note per knob, and the knobs left alone because someone else had changed them.</summary>
public sealed record PromotionRestoreResult(ImmutableArray<string> Notes, ImmutableArray<PromotionConflict> Conflicts)
{
    public static PromotionRestoreResult None { get; } = new([], []);
}
