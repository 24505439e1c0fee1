namespace Lumen.Simulator.World;

/// <summary>
/// The true expected reward of one arm (noise-free model evaluation):
/// reward = health_after − health_before − cost_weight·|Δknob| (docs/bandit.md).
/// </summary>
/// <param name="NewValue">The knob's value after the arm (clamped to its bounds); NaN for hold.</param>
public readonly record struct ArmReward(SimArm Arm, double NewValue, double HealthBefore, double HealthAfter, double Cost, double Reward);
