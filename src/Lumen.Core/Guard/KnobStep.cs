namespace Lumen.Core.Guard;

/// <summary>
/// The value one step of a knob leads to under the guard's limits, in this order: the step is
/// clamped to <c>delta_clamp·|current|</c>, the result to the knob's bounds, and an integer knob
/// is rounded <i>toward the current value</i> (floor when increasing, ceiling when decreasing), so
/// rounding can shrink a change but never push it past the clamp or a bound.
/// </summary>
public static class KnobStep
{
    /// <summary>The target value; equal to <c>knob.Current</c> when the limits leave no room to move.</summary>
    public static double Target(GuardKnob knob, ChangeDirection direction, double deltaClamp)
    {
        ArgumentNullException.ThrowIfNull(knob);
        var current = knob.Current;
        var limit = deltaClamp * Math.Abs(current);
        var step = Math.Min(knob.Step, limit);
        var target = direction == ChangeDirection.Increase
            ? Math.Min(current + step, knob.Max)
            : Math.Max(current - step, knob.Min);
        if (knob.Integer)
        {
            target = direction == ChangeDirection.Increase ? Math.Floor(target) : Math.Ceiling(target);
        }

        // A non-integer current value of an integer knob can round to the wrong side; that is no
        // move in the asked direction, so report none.
        var moved = direction == ChangeDirection.Increase ? target > current : target < current;
        return moved ? target : current;
    }
}
