using System.Collections.Immutable;
using Lumen.Core.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>Everything a promotion has learnt so far; each action of <see cref="PromotionRunner"/> fills one part.</summary>
public sealed record PromotionState(PromotionRequest Request)
{
    public PromotionPlan? Plan { get; init; }

    /// <summary>The SAFE_APPLY re-check ran.</summary>
    public bool Rechecked { get; init; }

    /// <summary>Why the re-check refuses; null when it agrees.</summary>
    public string? RecheckProblem { get; init; }

    /// <summary>The approval gate for the plan (the latest one read).</summary>
    public ApprovalGate? Gate { get; init; }

    /// <summary>The request written (or found) by <see cref="PromotionAction.RequestApproval"/>.</summary>
    public ApprovalRecord? Requested { get; init; }

    public bool RequestCreated { get; init; }

    /// <summary>What announcing the request said (one line per channel).</summary>
    public ImmutableArray<string> RequestNotes { get; init; } = [];

    public PromotionApplyResult? Applied { get; init; }

    public WatchResult? Watch { get; init; }

    /// <summary>What restoring after an SLO breach did.</summary>
    public PromotionRestoreResult? Restored { get; init; }

    /// <summary>The id of the approval the apply relied on.</summary>
    public string? ApprovalId => Gate is { IsApproved: true } gate ? gate.Record?.Request.Id : null;
}
