namespace Lumen.Reports.Digest;

/// <summary>One <c>trial.judged</c> entry: the configuration measured, the incumbent, the verdict and its evidence.</summary>
public sealed record TrialPoint(
    DateTimeOffset Ts,
    string Service,
    string Outcome,
    string? Trial,
    IReadOnlyDictionary<string, double> Values,
    IReadOnlyDictionary<string, double> Incumbent,
    double? Gain,
    double? GainSd,
    double? ProbabilityBetter,
    string? Reason);
