using System.Collections.Immutable;

namespace Lumen.Runtime.Training;

/// <summary>
/// The outcome of a fit: the held-out error (null when too few samples to hold any out), the
/// samples per arm and the model's JSON; or, with too few samples, <see cref="Error"/> and no model.
/// </summary>
public sealed record RewardTrainingResult(
    int Samples,
    int Skipped,
    int Dimension,
    int? HeldOutCount,
    double? HeldOutRmse,
    double? HeldOutR2,
    ImmutableArray<RewardArmCount> Arms,
    string? ModelJson,
    string? Error)
{
    public bool IsOk => Error is null && ModelJson is not null;

    public static RewardTrainingResult TooFew(int samples, int skipped, int minimum) =>
        new(samples, skipped, 0, null, null, null, [], null,
            $"only {samples} usable reward.observed entr{(samples == 1 ? "y" : "ies")} in the ledger ({skipped} skipped); "
            + $"at least {minimum} are needed to fit the reward model. Let the loop run longer (each applied adjustment yields one after its settle time).");
}
