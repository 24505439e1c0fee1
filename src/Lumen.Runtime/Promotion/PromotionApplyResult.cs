using System.Collections.Immutable;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// What applying a plan did: every knob read back at its new value, or the failure and what was
/// restored. <see cref="Conflicts"/> names the knobs found at a value the plan did not expect (the
/// apply stops there and writes nothing to them).
/// </summary>
public sealed record PromotionApplyResult(bool Ok, ImmutableDictionary<string, double> ReadBack, string? Error, ImmutableArray<string> Restored)
{
    public ImmutableArray<PromotionConflict> Conflicts { get; init; } = [];
}
