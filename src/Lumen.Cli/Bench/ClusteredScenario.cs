namespace Lumen.Cli.Bench;

/// <summary>One scenario of the clustered suite of <c>lumen bench canary</c>.</summary>
/// <param name="Rps">Requests per second per track for generated records; 0 = the NYC-taxi trace load of the main corpus.</param>
/// <param name="Alpha">1 − confidence of the policy (0.01: the prod stage's; 0.05: the same policy at 95 %).</param>
/// <param name="ErrorRate">Baseline error rate per request (generated records; the trace uses its model's rate).</param>
/// <param name="ErrorFactor">Canary error rate over the baseline's.</param>
/// <param name="LatencyFactor">Canary latency scale (1.2: p95 ×1.2).</param>
/// <param name="ErrorClusterMean">Mean requests failed per error event (≤ 1: independent errors).</param>
/// <param name="PauseClusterMean">Mean requests slowed per pause (0: no pauses).</param>
/// <param name="ShouldFail">Whether a correct judge fails it.</param>
internal sealed record ClusteredScenario(string Name, double Rps, double Alpha, double ErrorRate, double ErrorFactor, double LatencyFactor,
    double ErrorClusterMean, double PauseClusterMean, bool ShouldFail)
{
    public string Load => Rps > 0 ? $"{Rps:0.#} rps" : "trace";

    public static IReadOnlyList<ClusteredScenario> Corpus { get; } =
    [
        new("A/A errors m=4", 5, 0.05, 0.01, 1, 1, 4, 0, false),
        new("A/A errors m=8", 5, 0.05, 0.01, 1, 1, 8, 0, false),
        new("A/A errors m=16", 5, 0.05, 0.01, 1, 1, 16, 0, false),
        new("A/A errors m=4", 5, 0.01, 0.01, 1, 1, 4, 0, false),
        new("A/A errors m=8", 5, 0.01, 0.01, 1, 1, 8, 0, false),
        new("A/A errors m=16", 5, 0.01, 0.01, 1, 1, 16, 0, false),
        new("A/A pauses m=8", 5, 0.05, 0.01, 1, 1, 1, 8, false),
        new("A/A pauses m=8", 5, 0.01, 0.01, 1, 1, 1, 8, false),
        new("errors x3 m=8", 5, 0.01, 0.01, 3, 1, 8, 0, true),
        new("errors at the SLO m=4", 5, 0.01, 0.02, 1, 1, 4, 0, false),
        new("errors at the SLO m=8", 5, 0.01, 0.02, 1, 1, 8, 0, false),
        new("errors at the SLO m=16", 5, 0.01, 0.02, 1, 1, 16, 0, false),
        new("A/A independent", 2, 0.01, 0.01, 1, 1, 1, 0, false),
        new("errors x2.5 independent", 2, 0.01, 0.01, 2.5, 1, 1, 0, true),
        new("p95 x1.2 independent", 2, 0.01, 0.005, 1, 1.2, 1, 0, true),
        new("A/A errors m=4", 0, 0.05, 0, 1, 1, 4, 0, false),
        new("A/A errors m=8", 0, 0.05, 0, 1, 1, 8, 0, false),
        new("A/A errors m=16", 0, 0.05, 0, 1, 1, 16, 0, false),
        new("errors x3 m=8", 0, 0.05, 0, 3, 1, 8, 0, true),
        new("errors x2 independent", 0, 0.05, 0, 2, 1, 1, 0, true),
    ];
}
