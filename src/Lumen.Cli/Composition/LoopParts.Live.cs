using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Hosting;
using Lumen.Core.Coordination;
using Lumen.Core.Leases;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Cli.Composition;

internal static partial class LoopParts
{
    /// <summary>
    /// The executors of every service on both tracks. With <paramref name="lease"/> (the loop acts)
    /// the canary's target is leased, one controller per target, and the canary executor's writes carry
    /// the lease's fencing token; without it (read-only checks) nothing is leased.
    /// </summary>
    public static LiveExecutors Executors(IEnumerable<ServiceConfig> services, SecretReader secrets, HttpClient http, TimeProvider time, bool lease)
    {
        ArgumentNullException.ThrowIfNull(services);
        var leaseTime = lease ? time : null;
        var factory = new ExecutorFactory(http, time);
        var built = new List<LiveExecutor>();
        foreach (var service in services)
        {
            var targetLease = leaseTime is null ? null : ExecutorSpecs.Lease(service.Executors.Canary, secrets, http, leaseTime);
            var leased = targetLease is null ? null : new LeasedTarget(targetLease, new FencingToken());
            built.Add(Executor(factory, secrets, service, SliTracks.Canary, service.Executors.Canary, leased));
            if (service.Executors.Baseline is { } baseline)
            {
                built.Add(Executor(factory, secrets, service, SliTracks.Baseline, baseline, null));
            }
        }

        return new LiveExecutors([.. built]);
    }

    /// <summary>How the stage's Prometheus is queried: its URL, the credentials, a timeout per attempt and the retries.</summary>
    public static PrometheusClientOptions Prometheus(StageConfig stage, PrometheusAuth? auth, TimeSpan? timeout, int retries)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new PrometheusClientOptions(stage.Endpoints.Prometheus, timeout, retries, Auth: auth);
    }

    /// <summary>The loop's SLI source on Prometheus; <paramref name="time"/> is for HTTP timeouts and retries.</summary>
    public static PrometheusSliSource PrometheusSli(IEnumerable<ServiceConfig> services, PrometheusClientOptions options, HttpClient http,
        TimeProvider time, TimeSpan? staleAfter = null, IEnumerable<string>? tracks = null) =>
        new(services, options, http, time, staleAfter, tracks);

    /// <summary>The stage's coordinator (docs/scale-out.md), or what is wrong with its <c>coordination</c> block.</summary>
    public static (IServiceCoordinator? Coordinator, string? Error) Coordinator(StageConfig stage, IEnvironmentVariables env, TimeProvider time)
    {
        try
        {
            return (Coordinators.Build(stage, env, time), null);
        }
        catch (ExecutorConfigurationException e)
        {
            return (null, Coordinators.Reword(e.Message));
        }
    }

    private static LiveExecutor Executor(ExecutorFactory factory, SecretReader secrets, ServiceConfig service, string track, ExecutorSpec spec,
        LeasedTarget? lease)
    {
        var (executor, error) = ExecutorSpecs.Create(factory, secrets, service.Name, track, spec, lease?.Fence);
        return new LiveExecutor(service, track, executor, error, lease);
    }
}
