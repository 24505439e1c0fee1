namespace Lumen.Simulator.World;

/// <summary>
/// A candidate knob change (docs/bandit.md): hold, or one step up or down of a knob. Keys match the
/// tuner's arm keys (<c>hold</c>, <c>cache_size_mb:increase</c>), and arms are listed in the tuner's
/// order (hold, then increase/decrease per knob in the service's knob order).
/// </summary>
public readonly record struct SimArm(string? Knob, SimArmDirection Direction)
{
    public static SimArm Hold { get; } = new(null, SimArmDirection.Hold);

    public string Key => Direction switch
    {
        SimArmDirection.Hold => "hold",
        SimArmDirection.Increase => $"{Knob}:increase",
        _ => $"{Knob}:decrease",
    };

    public override string ToString() => Key;
}
