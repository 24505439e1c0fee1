using Lumen.Core.Canary;

namespace Lumen.Cli.Bench;

/// <summary>One seed of one clustered-suite scenario: the judge's verdict and when, the oracle's detection, the models the warm-up fixed, and the gates that failed or were still undecided.</summary>
internal sealed record ClusteredBenchOutcome(CanaryOutcome Verdict, int At, int? OracleAt, DispersionEstimate? ErrorModel, DispersionEstimate? LatencyModel, string FailedGates, string WaitingGates);
