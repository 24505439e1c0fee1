namespace Lumen.Core.Policy;

/// <summary>The label of a position in the traffic cycle (DESIGN.md §2.2). Written in lower case in YAML.</summary>
public enum PhaseLabel
{
    Peak,
    Falling,
    Trough,
    Rising,
    Unknown,
}
