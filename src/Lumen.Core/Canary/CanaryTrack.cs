namespace Lumen.Core.Canary;

/// <summary>
/// The two tracks of a service (docs/loop.md): the baseline keeps its configuration, the canary is
/// tuned and judged against it. Which side of the comparison a record belongs to, and the track the
/// simulator's world, readings and executors address (its value indexes per-track arrays).
/// </summary>
public enum CanaryTrack
{
    Baseline = 0,
    Canary = 1,
}
