namespace Lumen.Core.Guard;

/// <summary>
/// Why the guard refused a proposal, in the order the checks run (docs/bandit.md lists them).
/// The snake_case names (<see cref="RejectionCodes.ToCodeName"/>) are stable machine codes.
/// </summary>
public enum RejectionCode
{
    MissingData,
    StaleData,
    CanaryInProgress,
    PromotionInProgress,
    BrakeEngaged,
    UnknownKnob,
    InvalidKnob,
    KnobOutOfBounds,
    KnobActive,
    KnobTaken,
    Cooldown,
    NoChange,
    MaxActive,
    BeyondClamp,
}
