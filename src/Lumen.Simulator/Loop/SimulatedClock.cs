using Lumen.Simulator.World;

namespace Lumen.Simulator.Loop;

/// <summary>
/// The loop's clock in a simulated run: "now" is the world's simulated time, so TTLs, cooldowns,
/// settle delays and ledger timestamps all live in simulated time. Timestamps (for measuring how
/// long a tick took) stay on the real monotonic clock.
/// </summary>
public sealed class SimulatedClock(SimulatedWorld world) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => world.Now;
}
