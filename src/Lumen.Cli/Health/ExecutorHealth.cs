using Lumen.Adapters.Config;
using Lumen.Cli.Composition;
using Lumen.Core.Policy;

namespace Lumen.Cli.Health;

/// <summary>
/// <c>lumen health</c>'s read-back of every executor target: the executor can be built (token set),
/// the target answers (URL reachable, auth accepted) and every knob of the service is there. Reads
/// only; nothing is written. One row per service and track.
/// </summary>
internal static class ExecutorHealth
{
    public static async Task<IReadOnlyList<HealthCheck>> CheckAsync(IEnumerable<ServiceConfig> services, IEnvironmentVariables env,
        TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // Read-only: no lease is taken.
        var executors = LoopParts.Executors(services, new SecretReader(env), http, time, lease: false);
        var rows = executors.All.Select(e => CheckTrackAsync(e, timeout, cancellationToken)).ToList();
        return await Task.WhenAll(rows).ConfigureAwait(false);
    }

    private static async Task<HealthCheck> CheckTrackAsync(LiveExecutor built, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var service = built.Service;
        var name = $"executor {service.Name}/{built.Track}";
        if (built.Executor is not { } executor)
        {
            return HealthCheck.Fail(name, built.Error!);
        }

        var values = new List<string>();
        var problems = new List<string>();
        foreach (var knob in service.Knobs)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                var read = await executor.GetAsync(knob.Name, cts.Token).ConfigureAwait(false);
                if (read.IsOk)
                {
                    values.Add(FormattableString.Invariant($"{knob.Name} {read.Value:0.###}"));
                }
                else
                {
                    problems.Add($"{knob.Name}: {Explain(read.Reason)}");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problems.Add(FormattableString.Invariant($"{knob.Name}: no answer within {timeout.TotalSeconds:0.#} s"));
            }
        }

        return problems.Count == 0
            ? HealthCheck.Ok(name, $"{executor.Kind}: every knob reads back: {string.Join(", ", values)}")
            : HealthCheck.Fail(name, $"{executor.Kind}: {string.Join("; ", problems)}");
    }

    /// <summary>Names the likely cause of the usual answers, before the target's own words.</summary>
    private static string Explain(string reason) =>
        reason.Contains(" 401 ", StringComparison.Ordinal) || reason.Contains(" 403 ", StringComparison.Ordinal)
            ? "auth rejected (check the token): " + reason
            : reason;
}
