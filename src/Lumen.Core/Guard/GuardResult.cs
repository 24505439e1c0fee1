using System.Collections.Immutable;

namespace Lumen.Core.Guard;

/// <summary>The guard's verdict: what may be applied, what was refused and why, and what must be rolled back at once.</summary>
public sealed record GuardResult(
    ImmutableArray<AcceptedChange> Accepted,
    ImmutableArray<RejectedProposal> Rejected,
    ImmutableArray<RollbackProposal> Rollbacks);
