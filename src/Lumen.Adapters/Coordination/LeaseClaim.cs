using System.Text.Json.Nodes;

namespace Lumen.Adapters.Coordination;

/// <summary>A service's claim Lease as this replica last wrote it, and the claim's fencing token (its <c>leaseTransitions</c>).</summary>
internal sealed record LeaseClaim(JsonObject Lease, long Token)
{
    public string ResourceVersion => Lease["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
}
