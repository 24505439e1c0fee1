using Lumen.Adapters.Coordination;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Core.Coordination;
using Lumen.Core.Policy;

namespace Lumen.Cli.Hosting;

/// <summary>Builds the stage's coordinator from its <c>coordination</c> block (docs/scale-out.md).</summary>
internal static class Coordinators
{
    public static IServiceCoordinator Build(StageConfig stage, IEnvironmentVariables env, TimeProvider time)
    {
        var c = stage.Coordination;
        var replica = ReplicaId(c, env);
        var ttl = TimeSpan.FromSeconds(c.EffectiveLeaseTtlSeconds(stage.Policy.IntervalSeconds));
        // Stop acting a tenth of the lease (at least a second) before it could lapse on the engine's clock.
        var margin = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, ttl.Ticks / 10));
        var callTimeout = TimeSpan.FromTicks(Math.Min(ttl.Ticks / 4, TimeSpan.FromSeconds(5).Ticks));
        if (c.Engine == CoordinationConfig.Kubernetes)
        {
            var connection = KubernetesConfigLoader.Load(c.Kubeconfig, c.Context, token: null, env);
            var ns = c.Namespace ?? connection.DefaultNamespace ?? "default";
            return new KubernetesLeaseCoordinator(new KubernetesLeaseCoordinatorOptions(ns, c.LeasePrefix, stage.Name, replica, ttl, margin), connection, callTimeout, time);
        }

        if (c.Engine != CoordinationConfig.Etcd || c.Endpoint is null)
        {
            return new LocalCoordinator(replica);
        }

        return new EtcdCoordinator(new EtcdCoordinatorOptions(c.Endpoint, c.Prefix, stage.Name, replica, ttl, margin, callTimeout), time);
    }

    /// <summary>A kubeconfig error, worded for the coordination block rather than an executor.</summary>
    public static string Reword(string message) => message
        .Replace("executor kubernetes: ", "", StringComparison.Ordinal)
        .Replace("set the executor's kubeconfig", "set coordination.kubeconfig", StringComparison.Ordinal);

    /// <summary>The replica's name: the variable <c>replica_env</c> names (the pod name), else the host name.</summary>
    public static string ReplicaId(CoordinationConfig c, IEnvironmentVariables env) =>
        env.Get(c.ReplicaEnv) is { Length: > 0 } name ? name.Trim() : Environment.MachineName;
}
