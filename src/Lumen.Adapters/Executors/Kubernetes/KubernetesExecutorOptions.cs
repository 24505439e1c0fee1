using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>One Deployment's knobs (docs/kubernetes.md).</summary>
/// <param name="Namespace">Resolved namespace (the setting, else the connection's default).</param>
/// <param name="Container">Null when the pod template has exactly one container.</param>
/// <param name="Knobs">Knob name → where it lives.</param>
/// <param name="RequestTimeout">Per API request.</param>
/// <param name="RolloutTimeout">How long a set waits for the rollout to complete before it reports failure.</param>
/// <param name="PollInterval">How often the rollout is checked while a set waits.</param>
public sealed record KubernetesExecutorOptions(
    string Namespace,
    string Deployment,
    string? Container,
    ImmutableDictionary<string, KubernetesKnobTarget> Knobs,
    TimeSpan RequestTimeout,
    TimeSpan RolloutTimeout,
    TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>"deployments shop/checkout" for messages.</summary>
    public string DeploymentName => $"deployments {Namespace}/{Deployment}";
}
