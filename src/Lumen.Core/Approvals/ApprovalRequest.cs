using System.Collections.Immutable;

namespace Lumen.Core.Approvals;

/// <summary>
/// What a human is asked to allow: exactly which knobs change on which track, bound to the SHA-256
/// of the canary report that justifies it. Without a decision by <see cref="ExpiresAt"/> the answer
/// is no (default deny).
/// </summary>
public sealed record ApprovalRequest(
    string Id,
    string Stage,
    string Service,
    ImmutableArray<PlannedChange> Changes,
    string ReportSha256,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string RequestedBy)
{
    /// <summary>True when <paramref name="other"/> asks for the same thing (same target, evidence and changes).</summary>
    public bool SamePlan(string stage, string service, string reportSha256, IEnumerable<PlannedChange> changes) =>
        string.Equals(Stage, stage, StringComparison.Ordinal)
        && string.Equals(Service, service, StringComparison.Ordinal)
        && string.Equals(ReportSha256, reportSha256, StringComparison.OrdinalIgnoreCase)
        && Changes.SequenceEqual(changes);
}
