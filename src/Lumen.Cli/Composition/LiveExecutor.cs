using Lumen.Core.Adjustments;
using Lumen.Core.Leases;
using Lumen.Core.Policy;

namespace Lumen.Cli.Composition;

/// <summary>One service's executor on one track as <c>services.yaml</c> describes it, or why it could not be built.</summary>
/// <param name="Lease">The lease on the canary's target when the loop takes one (its writes carry the fence); null otherwise.</param>
internal sealed record LiveExecutor(ServiceConfig Service, string Track, IExecutor? Executor, string? Error, LeasedTarget? Lease);
