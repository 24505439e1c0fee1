namespace Lumen.Adapters.Coordination;

/// <summary>
/// Settings of <see cref="EtcdCoordinator"/>: the stage's <c>coordination</c> block (docs/scale-out.md).
/// </summary>
/// <param name="Endpoint">The etcd client URL (<c>http://127.0.0.1:2379</c>).</param>
/// <param name="Prefix">Key prefix shared by the replicas of one deployment (<c>/lumen/</c>); the stage name follows it.</param>
/// <param name="Stage">The stage: replicas of different stages never share services.</param>
/// <param name="ReplicaId">This replica's name (the pod or host name); unique among live replicas.</param>
/// <param name="LeaseTtl">How long a claim outlives its last renewal (whole seconds, ≥ 2).</param>
/// <param name="SafetyMargin">Subtracted from the lease's end on this replica's clock before it stops acting, for clock rate error and the time a write takes.</param>
/// <param name="CallTimeout">Bound on each call to etcd.</param>
public sealed record EtcdCoordinatorOptions(
    Uri Endpoint,
    string Prefix,
    string Stage,
    string ReplicaId,
    TimeSpan LeaseTtl,
    TimeSpan SafetyMargin,
    TimeSpan CallTimeout)
{
    public string ReplicasPrefix => $"{Prefix}{Stage}/replicas/";

    public string ClaimsPrefix => $"{Prefix}{Stage}/claims/";

    /// <summary>Where each service's hand-over lives (not under a lease: it outlives its writer).</summary>
    public string StatePrefix => $"{Prefix}{Stage}/state/";
}
