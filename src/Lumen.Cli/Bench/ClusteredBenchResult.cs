namespace Lumen.Cli.Bench;

/// <summary>
/// How Lumen's judge did on one clustered-suite scenario over all seeds. Times are in intervals
/// (medians over the runs that failed). <see cref="OracleMedianToFail"/> is the oracle SPRT's (NaN when
/// it does not apply: A/A, latency); <see cref="RequestModelShare"/> is the share of runs whose error
/// gates ran the interval+request model; dispersions are medians of the warm-up estimates;
/// <see cref="WaitingGates"/> counts the gates still undecided in inconclusive runs.
/// </summary>
internal sealed record ClusteredBenchResult(
    string Scenario, string Load, double Alpha, int Runs, int Fails, int Passes, int Inconclusive,
    double MedianIntervalsToFail, double OracleMedianToFail, int OracleDetected, double TimeRatio,
    double RequestModelShare, double MedianErrorDispersion, double MedianLatencyDispersion, string FailedGates, string WaitingGates);
