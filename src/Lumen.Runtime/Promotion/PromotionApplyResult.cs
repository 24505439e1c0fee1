using System.Collections.Immutable;

namespace Lumen.Runtime.Promotion;

/// <summary>What applying a plan did: every knob read back at its new value, or the failure and what was restored.</summary>
public sealed record PromotionApplyResult(bool Ok, ImmutableDictionary<string, double> ReadBack, string? Error, ImmutableArray<string> Restored);
