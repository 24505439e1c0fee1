namespace Lumen.Runtime.Promotion;

/// <summary>
/// What was asked, fixed before the workflow starts: the direction, the service, the canary report
/// that justifies a promotion (its decision and SHA-256, what an approval binds to) and the stage's
/// switches.
/// </summary>
public sealed record PromotionRequest(PromotionDirection Direction, string Stage, string Service)
{
    /// <summary>The canary report's decision (<c>pass</c>, <c>fail</c>, <c>inconclusive</c>); promotion only.</summary>
    public string? ReportDecision { get; init; }

    /// <summary>The SHA-256 of the canary report's bytes; promotion only.</summary>
    public string? ReportSha256 { get; init; }

    /// <summary>DRY_RUN: show the plan, change and request nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The stage requires a person's approval of the plan before it is applied.</summary>
    public bool ApprovalRequired { get; init; }

    /// <summary>SAFE_APPLY: re-judge before, watch after, restore on an SLO breach.</summary>
    public bool SafeApply { get; init; }

    /// <summary>How long an approval request stays open (no answer means no).</summary>
    public TimeSpan ApprovalExpires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>SAFE_APPLY: how long to watch after applying; zero skips the watch.</summary>
    public TimeSpan Watch { get; init; }

    /// <summary>
    /// A canary rollback that also undid something besides knobs (a release) is recorded even when
    /// no knob differs or the plan cannot be read.
    /// </summary>
    public bool AlwaysRecord { get; init; }

    /// <summary>The track the plan writes to.</summary>
    public string TargetTrack => Direction == PromotionDirection.Promote ? "baseline" : "canary";
}
