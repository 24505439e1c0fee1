using System.Collections.Immutable;
using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// Builds a <see cref="KubernetesExecutor"/> from its settings (docs/kubernetes.md): <c>deployment</c>
/// (required), <c>knobs</c> (required: knob → <c>env:NAME</c> | <c>configmap:NAME/KEY</c> |
/// <c>replicas</c>), <c>namespace</c>, <c>container</c>, <c>kubeconfig</c>, <c>context</c>,
/// <c>token</c>, <c>timeout_ms</c>, <c>rollout_timeout_ms</c>, <c>poll_ms</c>. The connection is
/// loaded here, so a bad kubeconfig stops start-up with the file and key.
/// </summary>
internal static class KubernetesExecutorBuilder
{
    public static KubernetesExecutor Build(IReadOnlyDictionary<string, object?> values, TimeProvider time) =>
        Build(values, ProcessEnvironmentVariables.Instance, time, KubernetesConfigLoader.InClusterDirectory);

    public static KubernetesExecutor Build(IReadOnlyDictionary<string, object?> values, IEnvironmentVariables env, TimeProvider time, string inClusterDirectory)
    {
        var settings = new ExecutorSettings(KubernetesExecutor.KindName, values);
        settings.RejectUnknown("namespace", "deployment", "container", "knobs", "kubeconfig", "context", "token", "timeout_ms", "rollout_timeout_ms", "poll_ms");
        var deployment = settings.RequiredString("deployment");
        var map = settings.Map("knobs") ?? throw settings.Error($"setting knobs is required (a map of knob → {KubernetesKnobTarget.Expected})");
        var knobs = ImmutableDictionary.CreateBuilder<string, KubernetesKnobTarget>(StringComparer.Ordinal);
        foreach (var (knob, text) in map)
        {
            knobs[knob] = KubernetesKnobTarget.TryParse(text, out var target, out var error)
                ? target
                : throw settings.Error($"knobs.{knob}: {error}");
        }

        var connection = KubernetesConfigLoader.Load(settings.String("kubeconfig"), settings.String("context"), settings.String("token"), env, inClusterDirectory);
        var ns = settings.String("namespace") ?? connection.DefaultNamespace ?? "default";
        var options = new KubernetesExecutorOptions(
            ns,
            deployment,
            settings.String("container"),
            knobs.ToImmutable(),
            settings.Milliseconds("timeout_ms") ?? TimeSpan.FromMilliseconds(KubernetesExecutorSpec.DefaultTimeoutMs),
            settings.Milliseconds("rollout_timeout_ms") ?? TimeSpan.FromMilliseconds(KubernetesExecutorSpec.DefaultRolloutTimeoutMs),
            settings.Milliseconds("poll_ms") ?? KubernetesExecutorOptions.DefaultPollInterval);
        return new KubernetesExecutor(options, connection, time);
    }
}
