using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>Writing a knob: read the object, patch it with the read's resourceVersion, report a 409 as a conflict.</summary>
public sealed partial class KubernetesExecutor
{
    private async Task<(JsonObject? Written, ExecutorResult? Failure)> SetEnvAsync(KubernetesKnobTarget target, string text, double? expected, CancellationToken ct)
    {
        var read = await _api.GetAsync(_deploymentPath, ct).ConfigureAwait(false);
        if (!read.IsOk)
        {
            return (null, ExecutorResult.Failed(read.Reason, read.Transient));
        }

        var deployment = read.Object!;
        var (ci, container, error) = DeploymentDocument.Container(deployment, _options.Container);
        if (container is null)
        {
            return (null, ExecutorResult.Failed($"{_options.DeploymentName}: {error}", transient: false));
        }

        var (ei, entry) = DeploymentDocument.Env(container, target.Name);
        if (entry?["valueFrom"] is not null)
        {
            return (null, ExecutorResult.Failed(
                $"{_options.DeploymentName}: env {target.Name} comes from valueFrom; Lumen writes only literal values", transient: false));
        }

        if (Mismatch($"env {target.Name}", entry is null ? null : DeploymentDocument.StringAt(entry["value"]), expected) is { } differs)
        {
            return (null, differs);
        }

        if (entry is not null && DeploymentDocument.StringAt(entry["value"]) == text)
        {
            return (deployment, null);
        }

        var envPath = $"/spec/template/spec/containers/{ci}/env";
        JsonObject op = entry is not null
            ? Op("add", $"{envPath}/{ei}/value", JsonValue.Create(text))
            : container["env"] is JsonArray
                ? Op("add", $"{envPath}/-", new JsonObject { ["name"] = target.Name, ["value"] = text })
                : Op("add", envPath, new JsonArray(new JsonObject { ["name"] = target.Name, ["value"] = text }));
        var patch = new JsonArray(Op("replace", "/metadata/resourceVersion", JsonValue.Create(Rv(deployment))), op);
        return await PatchAsync(_deploymentPath, KubernetesApi.JsonPatch, patch, Rv(deployment), ct).ConfigureAwait(false);
    }

    private async Task<(JsonObject? Written, ExecutorResult? Failure)> SetReplicasAsync(double value, double? expected, CancellationToken ct)
    {
        if (value < 0 || value > int.MaxValue || Math.Floor(value) != value)
        {
            return (null, ExecutorResult.Failed($"replicas must be a whole number ≥ 0, not {KnobValue.Format(value)}", transient: false));
        }

        var read = await _api.GetAsync(_deploymentPath, ct).ConfigureAwait(false);
        if (!read.IsOk)
        {
            return (null, ExecutorResult.Failed(read.Reason, read.Transient));
        }

        var deployment = read.Object!;
        var replicas = (long)value;
        if (Mismatch("replicas", DeploymentDocument.Format(DeploymentDocument.Replicas(deployment)), expected) is { } differs)
        {
            return (null, differs);
        }

        if (DeploymentDocument.Long(deployment, "spec", "replicas") == replicas)
        {
            return (deployment, null);
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(deployment) },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        return await PatchAsync(_deploymentPath, KubernetesApi.MergePatch, patch, Rv(deployment), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the key, then the pod-template annotation that rolls the pods. Both steps are skipped when
    /// already done, so repeating a set after a crash between them finishes the rollout.
    /// </summary>
    private async Task<(JsonObject? Written, ExecutorResult? Failure)> SetConfigMapAsync(KubernetesKnobTarget target, string text, double? expected, CancellationToken ct)
    {
        var path = KubernetesApi.ConfigMapPath(_options.Namespace, target.ConfigMap!);
        var read = await _api.GetAsync(path, ct).ConfigureAwait(false);
        if (!read.IsOk)
        {
            return (null, ExecutorResult.Failed(read.Reason, read.Transient));
        }

        var configMap = read.Object!;
        if (Mismatch(target.ToString(), DeploymentDocument.StringAt(configMap["data"]?[target.Name]), expected) is { } differs)
        {
            return (null, differs);
        }

        if (DeploymentDocument.StringAt(configMap["data"]?[target.Name]) != text)
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(configMap) },
                ["data"] = new JsonObject { [target.Name] = text },
            };
            var (written, failure) = await PatchAsync(path, KubernetesApi.MergePatch, patch, Rv(configMap), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, failure);
            }

            configMap = written!;
        }

        var deploymentRead = await _api.GetAsync(_deploymentPath, ct).ConfigureAwait(false);
        if (!deploymentRead.IsOk)
        {
            return (null, ExecutorResult.Failed($"{target} written; rolling it out failed: {deploymentRead.Reason}", deploymentRead.Transient));
        }

        var deployment = deploymentRead.Object!;
        var key = ConfigMapAnnotation.Key(target.ConfigMap!, target.Name);
        if (DeploymentDocument.Annotation(deployment, key) != text)
        {
            var roll = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(deployment) },
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = text } } },
                },
            };
            var (_, failure) = await PatchAsync(_deploymentPath, KubernetesApi.MergePatch, roll, Rv(deployment), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, ExecutorResult.Failed($"{target} written; rolling it out failed: {failure.Reason}", failure.Transient));
            }
        }

        return (configMap, null);
    }

    private async Task<(JsonObject? Written, ExecutorResult? Failure)> PatchAsync(
        string path, string contentType, JsonNode patch, string? resourceVersion, CancellationToken ct)
    {
        var result = await _api.PatchAsync(path, contentType, patch, ct).ConfigureAwait(false);
        if (result.IsOk)
        {
            return (result.Object, null);
        }

        if (!result.IsConflict)
        {
            return (null, ExecutorResult.Failed(result.Reason, result.Transient));
        }

        // Someone else changed the object after it was read: nothing was written. Re-read it so the
        // reason says what it holds now; the next tick decides again on that.
        var now = await _api.GetAsync(path, ct).ConfigureAwait(false);
        var current = now.IsOk ? $"it is now at resourceVersion {Rv(now.Object!)}" : $"re-reading it failed: {now.Reason}";
        return (null, ExecutorResult.Failed(
            $"conflict: {KubernetesApi.Describe(path)} changed after it was read at resourceVersion {resourceVersion}; nothing was overwritten ({current})",
            transient: true,
            detail: result.Reason));
    }

    /// <summary>For a compare-and-set: a failure when the target does not hold <paramref name="expected"/> (null: a plain set).</summary>
    private ExecutorResult? Mismatch(string what, string? current, double? expected)
    {
        if (expected is not { } e || (KnobValue.TryParse(current, out var value) && value == e))
        {
            return null;
        }

        return ExecutorResult.Failed(
            $"compare-and-set: {_options.DeploymentName} {what} holds {current ?? "nothing"}, not the expected {KnobValue.Format(e)}; nothing was written",
            transient: false);
    }

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };
}
