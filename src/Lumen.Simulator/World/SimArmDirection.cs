namespace Lumen.Simulator.World;

/// <summary>What an arm does to its knob (the same order as the tuner's arms).</summary>
public enum SimArmDirection
{
    Hold = 0,
    Increase = 1,
    Decrease = 2,
}
