using System.Text.Json.Nodes;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// Whether a Deployment's rollout is complete, by the rule <c>kubectl rollout status</c> uses: the
/// controller has observed the latest generation, every desired replica is updated, no old replica
/// remains, and every updated replica is available. A pure function of the object.
/// </summary>
internal static class RolloutStatus
{
    public static (RolloutState State, string Reason) Evaluate(JsonObject deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var generation = DeploymentDocument.Long(deployment, "metadata", "generation") ?? 0;
        var observed = DeploymentDocument.Long(deployment, "status", "observedGeneration") ?? 0;
        if (observed < generation)
        {
            return (RolloutState.InProgress, $"waiting for the controller to observe generation {generation} (observed {observed})");
        }

        if (deployment["status"]?["conditions"] is JsonArray conditions
            && conditions.OfType<JsonObject>().Any(c => Text(c, "type") == "Progressing" && Text(c, "reason") == "ProgressDeadlineExceeded"))
        {
            return (RolloutState.Failed, "the rollout exceeded its progress deadline (ProgressDeadlineExceeded)");
        }

        var desired = DeploymentDocument.Replicas(deployment);
        var updated = DeploymentDocument.Long(deployment, "status", "updatedReplicas") ?? 0;
        var current = DeploymentDocument.Long(deployment, "status", "replicas") ?? 0;
        var available = DeploymentDocument.Long(deployment, "status", "availableReplicas") ?? 0;
        if (updated < desired)
        {
            return (RolloutState.InProgress, $"{updated} of {desired} replicas updated");
        }

        if (current > updated)
        {
            return (RolloutState.InProgress, $"{current - updated} old replicas pending termination");
        }

        if (available < updated)
        {
            return (RolloutState.InProgress, $"{available} of {updated} updated replicas available");
        }

        return (RolloutState.Complete, $"{updated} of {desired} replicas updated and available");
    }

    private static string? Text(JsonObject node, string key) =>
        node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
