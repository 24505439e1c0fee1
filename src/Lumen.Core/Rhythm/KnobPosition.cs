namespace Lumen.Core.Rhythm;

/// <summary>A knob's current value (as read back from its executor) and its configured bounds.</summary>
/// <param name="Name">The knob's name, used in feature names.</param>
/// <param name="Value">The current value; must be finite (an unread knob must not reach the mapper).</param>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound, ≥ <paramref name="Min"/>.</param>
public readonly record struct KnobPosition(string Name, double Value, double Min, double Max)
{
    /// <summary>
    /// The value mapped to [0, 1] between the bounds, clamped (a value outside the bounds, e.g. set by
    /// hand, reads as the nearest bound). A knob with <c>Min == Max</c> cannot move and reads as 0.
    /// </summary>
    public double Normalised => Max > Min ? Math.Clamp((Value - Min) / (Max - Min), 0, 1) : 0;

    /// <summary>Why this knob cannot be mapped, or null when it can.</summary>
    public string? Problem =>
        string.IsNullOrWhiteSpace(Name) ? "knob has no name"
        : !double.IsFinite(Value) ? $"knob '{Name}' has no finite value ({Value})"
        : !(double.IsFinite(Min) && double.IsFinite(Max) && Min <= Max) ? $"knob '{Name}' has invalid bounds [{Min}, {Max}]"
        : null;
}
