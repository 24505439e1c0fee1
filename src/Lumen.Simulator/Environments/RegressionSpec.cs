using Lumen.Core.Canary;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Environments;

/// <summary>
/// A bad release: from <paramref name="At"/> after the start, the track's service times are
/// multiplied by <paramref name="LatencyFactor"/> and an extra share <paramref name="ExtraErrorRate"/>
/// of its requests fail.
/// </summary>
public sealed record RegressionSpec(string Service, CanaryTrack Track, TimeSpan At, double LatencyFactor, double ExtraErrorRate);
