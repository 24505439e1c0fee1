namespace Lumen.Core.Canary;

/// <summary>Which side of the comparison a record belongs to.</summary>
public enum CanaryTrack
{
    Baseline,
    Canary,
}
