namespace Lumen.Cli.Bench;

/// <summary>How one method did on one scenario over all seeds. Times are in intervals (median over decided runs).</summary>
internal sealed record CanaryBenchMethodResult(string Scenario, string Method, int Runs, int Fails, int Passes, int Inconclusive, double MedianIntervalsToFail, double MedianIntervalsToDecision)
{
    public double FailRate => (double)Fails / Runs;

    public double PassRate => (double)Passes / Runs;

    public double InconclusiveRate => (double)Inconclusive / Runs;
}
