using System.Collections.Immutable;

namespace Lumen.Runtime.Loop;

/// <summary>
/// A hold decision waiting for its reward (docs/loop.md "Rewards"): the context x and health when
/// hold was chosen, and when it is judged (the service's shortest knob settle delay later, so hold
/// is measured over the same horizon as the arms it competes with).
/// </summary>
internal sealed record PendingHold(long Tick, ImmutableArray<double> X, double HealthBefore, DateTimeOffset Since, DateTimeOffset SettleUntil);
