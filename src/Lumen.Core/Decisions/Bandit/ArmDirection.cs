namespace Lumen.Core.Decisions.Bandit;

/// <summary>What an arm does to its knob: nothing, one step up, or one step down.</summary>
public enum ArmDirection
{
    Hold = 0,
    Increase = 1,
    Decrease = 2,
}
