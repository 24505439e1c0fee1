using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// Sets knobs on one Deployment through the Kubernetes API (docs/kubernetes.md): a container env var
/// (JSON patch), a ConfigMap key (merge patch, then a pod-template annotation that rolls the pods), or
/// <c>spec.replicas</c> (merge patch). Every write carries the <c>resourceVersion</c> it was computed
/// from, so a change by anyone else in between is a 409 that is re-read and reported as a conflict,
/// never overwritten. A set returns once the rollout is complete (or fails when it is not within
/// <see cref="KubernetesExecutorOptions.RolloutTimeout"/>), so the loop's settle period starts on pods
/// that run the new value. Reads are one GET per object.
/// </summary>
public sealed partial class KubernetesExecutor : IExecutor
{
    public const string KindName = ExecutorKinds.Kubernetes;

    private readonly KubernetesExecutorOptions _options;
    private readonly KubernetesApi _api;
    private readonly TimeProvider _time;
    private readonly string _deploymentPath;

    /// <param name="connection">Where the API server is; the executor makes its own HttpClient on the connection's handler.</param>
    public KubernetesExecutor(KubernetesExecutorOptions options, KubernetesConnection connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _api = new KubernetesApi(connection, new HttpClient(connection.Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, options.RequestTimeout);
        _deploymentPath = KubernetesApi.DeploymentPath(options.Namespace, options.Deployment);
    }

    public string Kind => KindName;

    public KubernetesExecutorOptions Options => _options;

    public async Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        var results = await GetAllAsync([knob], cancellationToken).ConfigureAwait(false);
        return results[knob];
    }

    /// <summary>One GET of the Deployment and one of each ConfigMap the knobs live in.</summary>
    public async Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var results = new Dictionary<string, ExecutorResult>(StringComparer.Ordinal);
        var targets = new Dictionary<string, KubernetesKnobTarget>(StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            if (_options.Knobs.TryGetValue(knob, out var target))
            {
                targets[knob] = target;
            }
            else
            {
                results[knob] = Unmapped(knob);
            }
        }

        if (targets.Count == 0)
        {
            return results;
        }

        var deployment = await _api.GetAsync(_deploymentPath, cancellationToken).ConfigureAwait(false);
        var configMaps = new Dictionary<string, ApiResult>(StringComparer.Ordinal);
        foreach (var name in targets.Values.Where(t => t.ConfigMap is not null).Select(t => t.ConfigMap!).Distinct(StringComparer.Ordinal))
        {
            configMaps[name] = await _api.GetAsync(KubernetesApi.ConfigMapPath(_options.Namespace, name), cancellationToken).ConfigureAwait(false);
        }

        foreach (var (knob, target) in targets)
        {
            results[knob] = Read(knob, target, deployment, target.ConfigMap is { } cm ? configMaps[cm] : null);
        }

        return results;
    }

    public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) =>
        SetCoreAsync(knob, value, null, cancellationToken);

    /// <summary>
    /// Sets <paramref name="knob"/> to <paramref name="value"/> only if it still holds
    /// <paramref name="expected"/> (a restore must not undo someone else's change). The check and the
    /// write are one step: the patch carries the resourceVersion of the read that was checked.
    /// </summary>
    public Task<ExecutorResult> CompareAndSetAsync(string knob, double expected, double value, CancellationToken cancellationToken) =>
        SetCoreAsync(knob, value, expected, cancellationToken);

    private async Task<ExecutorResult> SetCoreAsync(string knob, double value, double? expected, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        if (!double.IsFinite(value))
        {
            return ExecutorResult.Failed($"refusing non-finite value for {knob}", transient: false);
        }

        if (!_options.Knobs.TryGetValue(knob, out var target))
        {
            return Unmapped(knob);
        }

        var (written, failure) = target.Kind switch
        {
            KubernetesKnobTargetKind.EnvVar => await SetEnvAsync(target, KnobValue.Format(value), expected, cancellationToken).ConfigureAwait(false),
            KubernetesKnobTargetKind.ConfigMapKey => await SetConfigMapAsync(target, KnobValue.Format(value), expected, cancellationToken).ConfigureAwait(false),
            _ => await SetReplicasAsync(value, expected, cancellationToken).ConfigureAwait(false),
        };
        if (failure is not null)
        {
            return failure;
        }

        var (rolled, rolloutDetail, rolloutFailure) = await WaitForRolloutAsync(cancellationToken).ConfigureAwait(false);
        if (rolloutFailure is not null)
        {
            return rolloutFailure;
        }

        var read = Read(knob, target, new ApiResult(200, rolled, "", false), target.ConfigMap is null ? null : new ApiResult(200, written, "", false));
        return read.IsOk ? ExecutorResult.Ok(read.Value, $"{target} set to {KnobValue.Format(value)}; {rolloutDetail}") : read;
    }

    private ExecutorResult Unmapped(string knob) => ExecutorResult.Failed(
        $"knob {knob} has no target on {_options.DeploymentName} (executor setting knobs: {KubernetesKnobTarget.Expected})", transient: false);
}
