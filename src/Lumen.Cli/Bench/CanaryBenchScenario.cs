namespace Lumen.Cli.Bench;

/// <summary>One benchmark scenario: a canary regression (or none) on the simulator's checkout service.</summary>
/// <param name="P95Increase">Canary p95 over the baseline's, e.g. 0.20 for +20 % (calibrated on the model).</param>
/// <param name="ErrorFactor">Canary error rate over the baseline's, e.g. 2 for ×2.</param>
/// <param name="PeakRps">Peak load of the trace (2600 normally; low traffic uses less).</param>
/// <param name="ShouldFail">Whether a correct judge fails it (beyond the policy's margins).</param>
internal sealed record CanaryBenchScenario(string Name, double P95Increase, double ErrorFactor, double PeakRps, bool? ShouldFail)
{
    public static IReadOnlyList<CanaryBenchScenario> Corpus { get; } =
    [
        new("A/A", 0, 1, 2600, false),
        new("p95 +5%", 0.05, 1, 2600, false),
        new("p95 +10%", 0.10, 1, 2600, null),
        new("p95 +20%", 0.20, 1, 2600, true),
        new("errors x1.5", 0, 1.5, 2600, null),
        new("errors x2", 0, 2, 2600, true),
        new("errors x5", 0, 5, 2600, true),
        new("A/A low traffic", 0, 1, 60, false),
        new("errors x2 low traffic", 0, 2, 60, true),
    ];
}
