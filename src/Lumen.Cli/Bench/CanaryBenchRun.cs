using Lumen.Core.Canary;

namespace Lumen.Cli.Bench;

/// <summary>One seed of one scenario: each method's outcome and the interval it came at, and the judge's event counts.</summary>
internal sealed record CanaryBenchRun((CanaryOutcome Outcome, int At) Lumen, (CanaryOutcome Outcome, int At) Kayenta, (CanaryOutcome Outcome, int At) Flagger, long Errors, double Split, int Intervals, LatencyEventPlan? Plan);
