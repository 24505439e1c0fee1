using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// A decision as it is logged (docs/bandit.md): every arm with its score, the chosen arm, and the
/// probability it was chosen. <c>Scores[i]</c> belongs to <c>Arms[i]</c>.
/// </summary>
public sealed record LinUcbDecision(
    ImmutableArray<Arm> Arms,
    ImmutableArray<ArmScore> Scores,
    int ChosenIndex,
    double Probability,
    bool Conservative)
{
    public Arm Chosen => Arms[ChosenIndex];

    public ArmScore ChosenScore => Scores[ChosenIndex];
}
