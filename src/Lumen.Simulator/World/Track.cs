namespace Lumen.Simulator.World;

/// <summary>The two tracks of a service (docs/loop.md): tuning happens on the canary only.</summary>
public enum Track
{
    Baseline = 0,
    Canary = 1,
}
