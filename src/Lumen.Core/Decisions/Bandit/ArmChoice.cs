namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// The chosen arm's index and the probability with which it was chosen (1 for a deterministic
/// choice, 1/k when drawn uniformly among k tied arms), logged for off-policy evaluation.
/// </summary>
internal readonly record struct ArmChoice(int Index, double Probability, int Tied);
