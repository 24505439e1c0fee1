using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Reward;

/// <summary>The ridge weights w of one arm (r̂ = wᵀx) and how many samples they were fitted on.</summary>
public sealed record RidgeArmWeights(string Arm, string? Knob, Bandit.ArmDirection Direction, int Samples, ImmutableArray<double> Weights);
