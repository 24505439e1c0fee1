namespace Lumen.Core.Decisions.Reward;

/// <summary>
/// How well a model fitted on the earlier samples predicts the later ones it never saw:
/// root-mean-square error and R² (null when the held-out rewards are all equal, where R² is
/// undefined).
/// </summary>
public sealed record HeldOutError(int Count, double Rmse, double? R2);
