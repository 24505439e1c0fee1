using System.Globalization;
using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>Waiting for the Deployment's rollout after a write, so settle starts on pods that run the new value.</summary>
public sealed partial class KubernetesExecutor
{
    private async Task<(JsonObject? Deployment, string Detail, ExecutorResult? Failure)> WaitForRolloutAsync(CancellationToken ct)
    {
        var started = _time.GetUtcNow();
        var deadline = started + _options.RolloutTimeout;
        var checks = 0;
        var last = "not checked yet";
        while (true)
        {
            checks++;
            var read = await _api.GetAsync(_deploymentPath, ct).ConfigureAwait(false);
            if (read.IsOk)
            {
                var (state, reason) = RolloutStatus.Evaluate(read.Object!);
                last = reason;
                if (state == RolloutState.Complete)
                {
                    var seconds = (_time.GetUtcNow() - started).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                    return (read.Object, $"rollout complete after {checks} check(s), {seconds} s ({reason})", null);
                }

                if (state == RolloutState.Failed)
                {
                    return (null, "", ExecutorResult.Failed($"{_options.DeploymentName}: {reason}; the new value is written but not running", transient: false));
                }
            }
            else
            {
                last = read.Reason;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return (null, "", ExecutorResult.Failed(
                    $"{_options.DeploymentName}: rollout not complete after {_options.RolloutTimeout.TotalSeconds:0} s ({last}); the new value is written",
                    transient: true));
            }

            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }
    }
}
