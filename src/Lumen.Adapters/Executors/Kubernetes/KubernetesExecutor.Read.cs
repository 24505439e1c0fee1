using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>Reading a knob's value out of the objects the API returned.</summary>
public sealed partial class KubernetesExecutor
{
    private ExecutorResult Read(string knob, KubernetesKnobTarget target, ApiResult deployment, ApiResult? configMap)
    {
        if (!deployment.IsOk)
        {
            return ExecutorResult.Failed(deployment.Reason, deployment.Transient);
        }

        var obj = deployment.Object!;
        switch (target.Kind)
        {
            case KubernetesKnobTargetKind.Replicas:
                return ExecutorResult.Ok(DeploymentDocument.Replicas(obj));
            case KubernetesKnobTargetKind.EnvVar:
                var (_, container, error) = DeploymentDocument.Container(obj, _options.Container);
                if (container is null)
                {
                    return ExecutorResult.Failed($"{_options.DeploymentName}: {error}", transient: false);
                }

                var (_, entry) = DeploymentDocument.Env(container, target.Name);
                if (entry is null)
                {
                    return ExecutorResult.Failed($"{_options.DeploymentName}: env {target.Name} is not set on the container", transient: false);
                }

                if (entry["valueFrom"] is not null)
                {
                    return ExecutorResult.Failed(
                        $"{_options.DeploymentName}: env {target.Name} comes from valueFrom; Lumen reads and writes only literal values", transient: false);
                }

                return Number(knob, DeploymentDocument.StringAt(entry["value"]), $"{_options.DeploymentName}: env {target.Name}");
            default:
                if (configMap is not { IsOk: true } map)
                {
                    return ExecutorResult.Failed(configMap?.Reason ?? "no ConfigMap read", configMap?.Transient ?? true);
                }

                var where = $"configmaps {_options.Namespace}/{target.ConfigMap} key {target.Name}";
                var text = DeploymentDocument.StringAt(map.Object!["data"]?[target.Name]);
                if (text is null)
                {
                    return ExecutorResult.Failed($"{where}: no such key in data", transient: false);
                }

                // The pods run what the pod template was last rolled for; a ConfigMap edited after
                // that is not what the service runs, so it is not reported as the knob's value.
                var rolled = DeploymentDocument.Annotation(obj, ConfigMapAnnotation.Key(target.ConfigMap!, target.Name));
                if (rolled is not null && rolled != text)
                {
                    return ExecutorResult.Failed(
                        $"{where} holds {text} but {_options.DeploymentName} was last rolled out for {rolled}; the pods do not run it yet", transient: true);
                }

                return Number(knob, text, where);
        }
    }

    private static ExecutorResult Number(string knob, string? text, string where) =>
        KnobValue.TryParse(text, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"{where}: {knob} is not a finite number: \"{text}\"", transient: false);

    private static string? Rv(JsonObject obj) => DeploymentDocument.ResourceVersion(obj);
}
