namespace Lumen.Core.Guard;

/// <summary>
/// The stage policy's safety limits: <c>delta_clamp</c> (max relative change of a knob per
/// adjustment, &gt; 0), <c>max_active_adjustments</c> (≥ 0), the per-knob cooldown and the
/// stage's <c>coherence_min</c> ∈ [0, 1].
/// </summary>
internal sealed record GuardPolicy(double DeltaClamp, int MaxActiveAdjustments, TimeSpan Cooldown, double CoherenceMin)
{
    /// <summary>Throws on a policy that config validation should have refused.</summary>
    public void Validate()
    {
        if (!(DeltaClamp > 0) || !double.IsFinite(DeltaClamp))
        {
            throw new ArgumentOutOfRangeException(nameof(DeltaClamp), DeltaClamp, "delta_clamp must be a finite number > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxActiveAdjustments);
        ArgumentOutOfRangeException.ThrowIfLessThan(Cooldown, TimeSpan.Zero);
        if (!(CoherenceMin >= 0 && CoherenceMin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CoherenceMin), CoherenceMin, "coherence_min must be in [0, 1].");
        }
    }
}
