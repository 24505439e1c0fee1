using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Decisions.Reward;

/// <summary>One logged decision outcome: the context x, the arm taken and the observed reward.</summary>
public sealed record RewardSample(ImmutableArray<double> Context, Arm Arm, double Reward);
