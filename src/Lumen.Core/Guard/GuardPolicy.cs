namespace Lumen.Core.Guard;

/// <summary>
/// The stage policy's safety limits: <c>delta_clamp</c> (max relative change of a knob per
/// adjustment, &gt; 0), <c>max_active_adjustments</c> (≥ 0), the per-knob cooldown and the
/// stage's <c>coherence_min</c> ∈ [0, 1], and the brake's margin ∈ [0, 1]: how much further
/// coherence must fall, below the minimum, when it was already below the minimum before an
/// adjustment (docs/bandit.md "The brake").
/// </summary>
public sealed record GuardPolicy(double DeltaClamp, int MaxActiveAdjustments, TimeSpan Cooldown, double CoherenceMin,
    double BrakeMargin = GuardPolicy.DefaultBrakeMargin)
{
    /// <summary>
    /// 0.05 of coherence: with the mapper's 30-minute half-life, one interval's noise moves coherence by
    /// a few thousandths, so only a real, sustained drop after the change crosses it.
    /// </summary>
    public const double DefaultBrakeMargin = 0.05;

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

        if (!(BrakeMargin >= 0 && BrakeMargin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BrakeMargin), BrakeMargin, "the brake margin must be in [0, 1].");
        }
    }
}
