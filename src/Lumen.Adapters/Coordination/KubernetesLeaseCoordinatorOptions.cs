namespace Lumen.Adapters.Coordination;

/// <summary>
/// Settings of <see cref="KubernetesLeaseCoordinator"/>: the stage's <c>coordination</c> block with
/// <c>engine: kubernetes</c> (docs/scale-out.md, docs/kubernetes.md).
/// </summary>
/// <param name="Namespace">Where the Leases live (Lumen's own namespace).</param>
/// <param name="NamePrefix">First part of every Lease name (<c>lumen</c>), from the block's <c>prefix</c>.</param>
/// <param name="Stage">The stage: replicas of different stages never share services.</param>
/// <param name="ReplicaId">This replica's name (the pod name); unique among live replicas.</param>
/// <param name="LeaseTtl">A Lease not renewed for this long (as observed by another replica) is free.</param>
/// <param name="SafetyMargin">Subtracted from the lease's end on this replica's clock before it stops acting.</param>
/// <param name="Parallelism">Lease renewals and claims in flight at once.</param>
public sealed record KubernetesLeaseCoordinatorOptions(
    string Namespace,
    string NamePrefix,
    string Stage,
    string ReplicaId,
    TimeSpan LeaseTtl,
    TimeSpan SafetyMargin,
    int Parallelism = 8)
{
    public const string StageLabel = "lumen.dev/stage";
    public const string RoleLabel = "lumen.dev/role";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ServiceAnnotation = "lumen.dev/service";
    public const string HandoverAnnotation = "lumen.dev/handover";

    public string LeasesPath => $"apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(Namespace)}/leases";

    public string LeasePath(string name) => $"{LeasesPath}/{Uri.EscapeDataString(name)}";

    /// <summary>The LIST of this stage's Leases (claims and members), by label.</summary>
    public string ListPath => $"{LeasesPath}?labelSelector={Uri.EscapeDataString($"{ManagedByLabel}=lumen,{StageLabel}={LeaseNames.LabelValue(Stage)}")}";

    /// <summary>The claim Lease of <paramref name="service"/>.</summary>
    public string ClaimName(string service) => LeaseNames.Name(NamePrefix, Stage, "svc", service);

    /// <summary>This replica's membership Lease.</summary>
    public string MemberName => LeaseNames.Name(NamePrefix, Stage, "member", ReplicaId);
}
