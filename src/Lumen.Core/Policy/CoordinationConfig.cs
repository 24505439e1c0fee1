namespace Lumen.Core.Policy;

/// <summary>
/// A stage's <c>coordination</c> block: how replicas of Lumen share the stage's services
/// (docs/scale-out.md). Left out: <c>local</c>, one process holds everything.
/// </summary>
/// <param name="Engine"><c>local</c>, <c>etcd</c> or <c>kubernetes</c>.</param>
/// <param name="Endpoint">The etcd client URL (required for <c>etcd</c>).</param>
/// <param name="Prefix">Key prefix shared by one deployment's replicas; starts and ends with <c>/</c>
/// (for <c>kubernetes</c>, what is between the slashes begins every Lease name).</param>
/// <param name="LeaseTtlSeconds">How long a claim outlives its last renewal; null: three intervals.</param>
/// <param name="ReplicaEnv">The environment variable naming this replica (the pod name); unset or empty: the host name.</param>
public sealed record CoordinationConfig(string Engine, Uri? Endpoint, string Prefix, int? LeaseTtlSeconds, string ReplicaEnv)
{
    public const string Local = "local";
    public const string Etcd = "etcd";
    public const string Kubernetes = "kubernetes";

    public static IReadOnlyList<string> Engines { get; } = [Local, Etcd, Kubernetes];

    /// <summary>For <c>kubernetes</c>: the namespace of the Leases (default: the pod's or the kubeconfig context's).</summary>
    public string? Namespace { get; init; }

    /// <summary>For <c>kubernetes</c>: a kubeconfig path (default: in-cluster, then $KUBECONFIG, then ~/.kube/config).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>For <c>kubernetes</c>: the kubeconfig context (default: its current-context).</summary>
    public string? Context { get; init; }

    /// <summary>For <c>kubernetes</c>: the Lease name prefix, <c>/lumen/</c> → <c>lumen</c>.</summary>
    public string LeasePrefix => Prefix.Trim('/').Replace('/', '-');

    public static CoordinationConfig Default { get; } = new(Local, null, "/lumen/", null, "LUMEN_REPLICA_ID");

    /// <summary>The lease's length for a loop ticking every <paramref name="intervalSeconds"/>: renewed at least twice per lease.</summary>
    public int EffectiveLeaseTtlSeconds(int intervalSeconds) => LeaseTtlSeconds ?? 3 * intervalSeconds;
}
