namespace Lumen.Core.Decisions.Rules;

/// <summary>Where one rule stands for one service: how many consecutive intervals its condition has
/// held, and whether it is active (fired and not yet cleared).</summary>
public readonly record struct RuleTrack(int HeldIntervals, bool Active);
