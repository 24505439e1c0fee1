using System.Collections.Immutable;

namespace Lumen.Core.Coordination;

/// <summary>
/// What one replica holds after a refresh: per service, the fencing token of its claim (larger for
/// every new claim of that service), and until when the claims are certainly still valid.
/// </summary>
/// <param name="ReplicaId">This replica.</param>
/// <param name="Held">Service → fencing token, for the services this replica may act on.</param>
/// <param name="Holders">Service → the replica that holds it, as seen in this refresh (for health and the console).</param>
/// <param name="LiveReplicas">Replicas alive in this refresh (this one included when it is alive).</param>
/// <param name="ValidUntil">The claims are not valid at or after this time unless renewed.</param>
/// <param name="Problem">Why nothing is held (engine unreachable, lease lost), or null.</param>
public sealed record Holdings(
    string ReplicaId,
    ImmutableDictionary<string, long> Held,
    ImmutableDictionary<string, string> Holders,
    int LiveReplicas,
    DateTimeOffset ValidUntil,
    string? Problem)
{
    /// <summary>Nothing held (engine unreachable or lease lost).</summary>
    public static Holdings None(string replicaId, string problem) =>
        new(replicaId, ImmutableDictionary<string, long>.Empty, ImmutableDictionary<string, string>.Empty, 0, DateTimeOffset.MinValue, problem);

    /// <summary>True while this replica may write to <paramref name="service"/>'s target.</summary>
    public bool Holds(string service, DateTimeOffset now) => now < ValidUntil && Held.ContainsKey(service);

    /// <summary>The fencing token of <paramref name="service"/>'s claim, or null when not held.</summary>
    public long? TokenOf(string service) => Held.TryGetValue(service, out var token) ? token : null;
}
