namespace Lumen.Reports.Digest;

/// <summary>
/// What ran: from <c>config.loaded</c> and, for a demo, <c>demo.started</c> (environment, seed,
/// simulated days, tick length).
/// </summary>
public sealed record RunInfo(
    string? Stage,
    bool? DryRun,
    IReadOnlyList<string> Services,
    SloLine Slo,
    string? Environment,
    long? Seed,
    double? Days,
    double? TickSeconds,
    string? Policy)
{
    /// <summary>
    /// Whether the ledger's timestamps are simulated: only a simulated demo (a <c>demo.started</c> entry whose
    /// environment is not <c>live: …</c>) runs on a simulated clock; <c>lumen run</c> and the live demo are real time.
    /// </summary>
    public bool SimulatedTime => Environment is { } env && !env.StartsWith("live", StringComparison.Ordinal);
}
