using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>
/// Set knobs on one Kubernetes Deployment (docs/kubernetes.md): a container env var, a ConfigMap key
/// rolled out through a pod-template annotation, or <c>spec.replicas</c>.
/// </summary>
/// <param name="Namespace">The Deployment's namespace; null takes the kubeconfig context's (or the pod's own) namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Container">The container whose env is set; null when the pod has one container.</param>
/// <param name="Knobs">Knob name → target text (<see cref="KubernetesKnobTarget.TryParse"/>).</param>
/// <param name="Kubeconfig">A kubeconfig path; null: in-cluster when running in a pod, else $KUBECONFIG or ~/.kube/config.</param>
/// <param name="Context">The kubeconfig context; null takes current-context.</param>
/// <param name="TokenEnv">Env var (or its <c>_FILE</c> twin) holding a bearer token that replaces the config's credentials.</param>
/// <param name="TimeoutMs">Per API request.</param>
/// <param name="RolloutTimeoutMs">How long a set waits for the rollout to complete.</param>
public sealed record KubernetesExecutorSpec(
    string? Namespace,
    string Deployment,
    string? Container,
    ImmutableDictionary<string, string> Knobs,
    string? Kubeconfig,
    string? Context,
    string? TokenEnv,
    int TimeoutMs,
    int RolloutTimeoutMs) : ExecutorSpec
{
    public const int DefaultTimeoutMs = 5_000;

    public const int DefaultRolloutTimeoutMs = 300_000;

    public override string Kind => ExecutorKinds.Kubernetes;
}
