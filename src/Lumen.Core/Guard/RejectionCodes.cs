namespace Lumen.Core.Guard;

/// <summary>The machine names of <see cref="RejectionCode"/>; fixed here so a renamed enum member cannot change the logs.</summary>
internal static class RejectionCodes
{
    public static string ToCodeName(this RejectionCode code) => code switch
    {
        RejectionCode.MissingData => "missing_data",
        RejectionCode.StaleData => "stale_data",
        RejectionCode.CanaryInProgress => "canary_in_progress",
        RejectionCode.PromotionInProgress => "promotion_in_progress",
        RejectionCode.BrakeEngaged => "brake_engaged",
        RejectionCode.UnknownKnob => "unknown_knob",
        RejectionCode.InvalidKnob => "invalid_knob",
        RejectionCode.KnobOutOfBounds => "knob_out_of_bounds",
        RejectionCode.KnobActive => "knob_active",
        RejectionCode.KnobTaken => "knob_taken",
        RejectionCode.Cooldown => "cooldown",
        RejectionCode.NoChange => "no_change",
        RejectionCode.MaxActive => "max_active",
        RejectionCode.BeyondClamp => "beyond_clamp",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown rejection code"),
    };
}
