namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// One arm's score for one context x: <c>Mean</c> = θᵀx, <c>Width</c> = sqrt(xᵀA⁻¹x),
/// <c>Ucb</c> = Mean + α·Width (what LinUCB maximises), <c>Lcb</c> = Mean − α·Width (what the
/// conservative rule trusts).
/// </summary>
public readonly record struct ArmScore(double Mean, double Width, double Ucb, double Lcb);
