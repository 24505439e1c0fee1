using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// One decision of the tuner: the candidates (index 0 is the incumbent), each one's posterior mean,
/// standard deviation and pessimistic value, whether it was safe, its Thompson votes and the
/// probability with which it could have been drawn; and which was drawn. Everything the ledger's
/// <c>decision</c> entry needs for off-policy evaluation (docs/ledger-entries.md).
/// </summary>
public sealed record TrialChoice(
    long Number,
    ImmutableArray<double> Context,
    ImmutableArray<ImmutableArray<double>> Candidates,
    ImmutableArray<double> Mean,
    ImmutableArray<double> Sd,
    ImmutableArray<double> Lcb,
    ImmutableArray<bool> Safe,
    ImmutableArray<int> Votes,
    ImmutableArray<double> Probabilities,
    int Chosen)
{
    /// <summary>The probability with which the chosen candidate was drawn (≥ the floor's share).</summary>
    public double Probability => Probabilities[Chosen];

    /// <summary>True when the incumbent was drawn: the block measures the incumbent, nothing changes.</summary>
    public bool IsHold => Chosen == 0;

    public ImmutableArray<double> ChosenValues => Candidates[Chosen];
}
