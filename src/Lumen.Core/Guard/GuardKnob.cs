namespace Lumen.Core.Guard;

/// <summary>A knob of a service as the guard needs it: bounds, step, integer-ness and the value it has now.</summary>
public sealed record GuardKnob(string Service, string Name, double Min, double Max, double Step, bool Integer, double Current)
{
    public KnobKey Key => new(Service, Name);

    /// <summary>True when the spec itself is usable (finite, min ≤ max, step &gt; 0).</summary>
    public bool IsValid =>
        double.IsFinite(Min) && double.IsFinite(Max) && double.IsFinite(Current) && Min <= Max && Step > 0 && double.IsFinite(Step);
}
