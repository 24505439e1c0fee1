namespace Lumen.Runtime.Training;

/// <summary>How many samples one arm's regression was fitted on.</summary>
public sealed record RewardArmCount(string Arm, int Samples);
