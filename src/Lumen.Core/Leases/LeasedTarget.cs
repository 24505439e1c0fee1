namespace Lumen.Core.Leases;

/// <summary>A target service's lease and the fencing token its executor's writes carry.</summary>
public sealed record LeasedTarget(ITargetLease Lease, FencingToken Fence);
