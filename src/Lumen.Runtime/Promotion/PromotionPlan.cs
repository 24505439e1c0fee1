using System.Collections.Immutable;
using Lumen.Core.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>What a promotion (or a canary rollback) will change, read from the targets themselves; or why it cannot be planned.</summary>
public sealed record PromotionPlan(ImmutableArray<PlannedChange> Changes, ImmutableArray<string> Unchanged, string? Error)
{
    public bool IsOk => Error is null;

    public bool IsEmpty => Changes.IsEmpty;
}
