namespace Lumen.Simulator.Environments;

/// <summary>Load bursts: on average <paramref name="PerDay"/> per day, each multiplying the load by
/// <paramref name="Factor"/> for <paramref name="Minutes"/> minutes.</summary>
public sealed record BurstSpec(double PerDay, double Factor, double Minutes)
{
    public static BurstSpec None { get; } = new(0, 1, 10);
}
