namespace Lumen.Core.Guard;

/// <summary>Which way a proposal moves its knob (by the knob's step, before the guard's clamps).</summary>
public enum ChangeDirection
{
    Increase = 1,
    Decrease = 2,
}
