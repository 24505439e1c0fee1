namespace Lumen.Reports.Digest;

/// <summary>One <c>decision</c> entry: what was chosen and what the guard let through.</summary>
public sealed record DecisionPoint(
    DateTimeOffset Ts,
    string Service,
    string Source,
    string? Chosen,
    int Accepted,
    IReadOnlyList<string> RejectionCodes);
