namespace Lumen.Reports.Digest;

/// <summary>
/// What ran: from <c>config.loaded</c> and, for a demo, <c>demo.started</c> (environment, seed,
/// simulated days, tick length).
/// </summary>
internal sealed record RunInfo(
    string? Stage,
    bool? DryRun,
    IReadOnlyList<string> Services,
    SloLine Slo,
    string? Environment,
    long? Seed,
    double? Days,
    double? TickSeconds,
    string? Policy);
