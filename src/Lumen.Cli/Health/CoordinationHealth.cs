using System.Globalization;
using Grpc.Core;
using Lumen.Cli.Composition;
using Lumen.Core.Coordination;
using Lumen.Core.Policy;

namespace Lumen.Cli.Health;

/// <summary>
/// The <c>coordination</c> row of <c>lumen health</c>: the fleet as the engine shows it (which
/// replica holds which service), read without claiming anything. FAIL when the engine cannot be
/// read, WARN while some services have no holder (a replica just died or none runs), else OK.
/// </summary>
internal static class CoordinationHealth
{
    private const string Name = "coordination";

    public static async Task<HealthCheck> CheckAsync(StageConfig stage, IReadOnlyList<string> services, IEnvironmentVariables env, TimeProvider time,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (stage.Coordination.Engine == CoordinationConfig.Local)
        {
            return HealthCheck.Ok(Name, "local: one process holds every service (replicas > 1 need etcd or kubernetes; docs/scale-out.md)");
        }

        var (coordinator, error) = LoopParts.Coordinator(stage, env, time);
        if (coordinator is null)
        {
            return HealthCheck.Fail(Name, error!);
        }

        await using (coordinator.ConfigureAwait(false))
        {
            if (coordinator is not IFleetReader reader)
            {
                return HealthCheck.Ok(Name, coordinator.Kind);
            }

            FleetView fleet;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            try
            {
                fleet = await reader.ReadFleetAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or InvalidOperationException
                                          or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheck.Fail(Name, $"{stage.Coordination.Engine}: the fleet could not be read: {e.Message}");
            }

            return Describe(fleet, services);
        }
    }

    /// <summary>"etcd at …: 3 replicas live; a holds 4 (svc-01, …), …; 0 of 12 services without a holder".</summary>
    public static HealthCheck Describe(FleetView fleet, IReadOnlyList<string> services)
    {
        var held = services.Where(fleet.Holders.ContainsKey).ToList();
        var unheld = services.Count - held.Count;
        var byReplica = held.GroupBy(s => fleet.Holders[s], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} holds {g.Count()} ({string.Join(", ", g.Take(5))}{(g.Count() > 5 ? ", …" : "")})"));
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{fleet.Engine}: {fleet.Replicas.Length} replica(s) live ({string.Join(", ", fleet.Replicas)}); {string.Join("; ", byReplica)}; {unheld} of {services.Count} service(s) without a holder");
        return unheld == 0 ? HealthCheck.Ok(Name, detail) : HealthCheck.Warn(Name, detail);
    }
}
