namespace Lumen.Simulator.World;

/// <summary>The two tracks of a service (DESIGN §1): tuning happens on the canary only.</summary>
public enum Track
{
    Baseline = 0,
    Canary = 1,
}
