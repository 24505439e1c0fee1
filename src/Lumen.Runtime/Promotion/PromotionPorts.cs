using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Runtime.Approvals;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// What <see cref="PromotionRunner"/> acts through: the two tracks' executors (<paramref name="Source"/>
/// is read, <paramref name="Target"/> written), the knobs, the clock, who acts, and the ledger, opened
/// only when first needed (a dry run opens nothing). The optional parts are the caller's: the
/// SAFE_APPLY re-check and watch (they read Prometheus and the records file), the approval channels,
/// and the demo's instant answer to a request.
/// </summary>
public sealed record PromotionPorts(
    IExecutor Source,
    IExecutor Target,
    IReadOnlyList<string> Knobs,
    TimeProvider Time,
    string Actor,
    Func<CancellationToken, Task<ILedgerStore>> Ledger)
{
    /// <summary>SAFE_APPLY: judges the report's input again; null when it gives the same passing report, else why not.</summary>
    public Func<CancellationToken, Task<string?>>? Recheck { get; init; }

    /// <summary>SAFE_APPLY: watches the baseline after the apply.</summary>
    public Func<CancellationToken, Task<WatchResult>>? Watch { get; init; }

    /// <summary>Where a new approval request is announced.</summary>
    public IReadOnlyList<IApprovalChannel> Channels { get; init; } = [];

    /// <summary>Answers a request at once (the demo's approver); null leaves it to a person, later.</summary>
    public Func<ApprovalService, ApprovalRecord, CancellationToken, Task>? Answer { get; init; }

    /// <summary>The kept trials the promotion carries; the default folds them from the ledger before <c>promotion.applied</c>.</summary>
    public Func<ILedgerStore, CancellationToken, Task<ImmutableArray<(string Knob, KeptValue Kept)>>>? Kept { get; init; }

    /// <summary>Extra fields of the <c>promotion.applied</c> or <c>canary.rolled_back</c> entry, in order (e.g. <c>safe_apply</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> EntryNotes { get; init; } = [];
}
