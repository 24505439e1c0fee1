namespace Lumen.Runtime.Loop;

/// <summary>A policy's choice: the arm's index in <see cref="ArmPolicyContext.Arms"/> and the probability it had of being chosen (logged for off-policy evaluation).</summary>
public readonly record struct ArmPick(int Index, double Probability);
