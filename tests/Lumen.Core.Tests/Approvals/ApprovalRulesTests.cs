using System.Collections.Immutable;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Xunit;

namespace Lumen.Core.Tests.Approvals;

public sealed class ApprovalRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ImmutableArray<PlannedChange> Changes = [new("concurrency_limit", "baseline", 32, 40)];
    private const string Report = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly ApproverAllowlist Alice = ApproverAllowlist.Parse("alice, U123", ApproverAllowlist.Nobody);

    private static ApprovalRequest Request(string report = Report) =>
        new(ApprovalIds.For("prod", "checkout", report, Changes, T0), "prod", "checkout", Changes, report, T0, T0.AddMinutes(30), "lumen");

    private static LedgerEntry Entry(long seq, LedgerDraft draft, DateTimeOffset ts) =>
        new(seq, ts, draft.Kind, draft.Stage, draft.Service, draft.Actor, draft.Data, LedgerHash.Genesis, "h" + seq);

    private static ApprovalBook Book(params LedgerDraft[] drafts) =>
        ApprovalBook.Empty.ApplyAll(drafts.Select((d, i) => Entry(i + 1, d, T0.AddSeconds(i))));

    private static ApprovalDecision Approve(string id, string by = "alice", DateTimeOffset? at = null) =>
        new(id, true, by, ApprovalChannel.Cli, at ?? T0.AddMinutes(1));

    [Fact]
    public void Apply_RequestedEntry_RoundTripsTheRequest()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request));

        var record = Assert.Single(book.Pending(T0));
        Assert.Equal(request, record.Request with { Changes = request.Changes });
        Assert.Equal(request.Changes.ToArray(), record.Request.Changes.ToArray());
        Assert.Equal(ApprovalStatus.Pending, record.Status);
    }

    [Fact]
    public void Check_PendingAllowlisted_Accepts()
    {
        var request = Request();
        var check = ApprovalRules.Check(Book(ApprovalLedger.Requested(request)), Approve(request.Id), T0.AddMinutes(1), Alice);

        Assert.Equal(DecisionOutcome.Accept, check.Outcome);
        Assert.True(check.ShouldRecord);
    }

    [Fact]
    public void Check_NotAllowlisted_Rejected()
    {
        var request = Request();
        var check = ApprovalRules.Check(Book(ApprovalLedger.Requested(request)), Approve(request.Id, "mallory"), T0.AddMinutes(1), Alice);

        Assert.Equal(DecisionOutcome.NotAllowed, check.Outcome);
        Assert.False(check.ShouldRecord);
        Assert.Contains("mallory", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmptyAllowlistDefaultNobody_RejectsEveryone()
    {
        var request = Request();
        var nobody = ApproverAllowlist.Parse(" , ", ApproverAllowlist.Nobody);

        var check = ApprovalRules.Check(Book(ApprovalLedger.Requested(request)), Approve(request.Id), T0.AddMinutes(1), nobody);

        Assert.Equal(DecisionOutcome.NotAllowed, check.Outcome);
    }

    [Fact]
    public void Check_ReplayedApproval_AlreadyRecordedAndNotWritten()
    {
        var request = Request();
        var first = Approve(request.Id);
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, first));

        var replay = ApprovalRules.Check(book, first, T0.AddMinutes(2), Alice);

        Assert.Equal(DecisionOutcome.AlreadyRecorded, replay.Outcome);
        Assert.False(replay.ShouldRecord);
        Assert.True(replay.IsSuccess);
    }

    [Fact]
    public void Check_RejectAfterApprove_ChangesNothing()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, Approve(request.Id)));

        var second = ApprovalRules.Check(book, Approve(request.Id, "U123") with { Approve = false }, T0.AddMinutes(2), Alice);

        Assert.Equal(DecisionOutcome.AlreadyClosed, second.Outcome);
        Assert.False(second.ShouldRecord);
    }

    [Fact]
    public void Apply_SecondDecisionInLedger_FirstWins()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, Approve(request.Id)),
            ApprovalLedger.Decided(request, Approve(request.Id) with { Approve = false }));

        Assert.Equal(ApprovalStatus.Granted, book.Find(request.Id)!.Status);
    }

    [Fact]
    public void Check_AfterExpiry_ExpiredDefaultDeny()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request));

        var late = ApprovalRules.Check(book, Approve(request.Id, at: request.ExpiresAt), request.ExpiresAt, Alice);

        Assert.Equal(DecisionOutcome.Expired, late.Outcome);
        Assert.False(late.ShouldRecord);
        Assert.Equal(GateOutcome.Expired, ApprovalRules.Gate(book.Find(request.Id), request.ExpiresAt, Report).Outcome);
        Assert.Single(book.ExpiredUnrecorded(request.ExpiresAt));
        Assert.Empty(book.Pending(request.ExpiresAt));
    }

    [Fact]
    public void Apply_ExpiredEntry_ClosesAndLaterApprovalIgnored()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Expired(request, "lumen"),
            ApprovalLedger.Decided(request, Approve(request.Id)));

        Assert.Equal(ApprovalStatus.Expired, book.Find(request.Id)!.Status);
        Assert.Empty(book.ExpiredUnrecorded(request.ExpiresAt.AddHours(1)));
    }

    [Fact]
    public void Check_UnknownId_UnknownRequest()
    {
        var check = ApprovalRules.Check(ApprovalBook.Empty, Approve("apr-0000000000"), T0, Alice);

        Assert.Equal(DecisionOutcome.UnknownRequest, check.Outcome);
    }

    [Fact]
    public void Gate_GrantedForCurrentReport_Approved()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, Approve(request.Id)));

        var gate = ApprovalRules.Gate(book.Find(request.Id), T0.AddHours(2), Report.ToUpperInvariant());

        Assert.Equal(GateOutcome.Approved, gate.Outcome);
        Assert.Contains("alice", gate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_ReportHashChanged_Void()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, Approve(request.Id)));

        var gate = ApprovalRules.Gate(book.Find(request.Id), T0.AddMinutes(2), new string('b', 64));

        Assert.Equal(GateOutcome.Void, gate.Outcome);
        Assert.False(gate.IsApproved);
        Assert.Contains("evidence changed", gate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Pending_WaitingThenRejected()
    {
        var request = Request();
        var pending = Book(ApprovalLedger.Requested(request));
        var rejected = Book(ApprovalLedger.Requested(request), ApprovalLedger.Decided(request, Approve(request.Id) with { Approve = false, Reason = "not today" }));

        Assert.Equal(GateOutcome.Waiting, ApprovalRules.Gate(pending.Find(request.Id), T0, Report).Outcome);
        Assert.Equal(GateOutcome.NotRequested, ApprovalRules.Gate(null, T0, Report).Outcome);
        var gate = ApprovalRules.Gate(rejected.Find(request.Id), T0, Report);
        Assert.Equal(GateOutcome.Rejected, gate.Outcome);
        Assert.Contains("not today", gate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPlan_SamePlanDifferentReport_OnlySameReportMatches()
    {
        var request = Request();
        var book = Book(ApprovalLedger.Requested(request));

        Assert.NotNull(book.FindPlan("prod", "checkout", Report, Changes));
        Assert.Null(book.FindPlan("prod", "checkout", new string('c', 64), Changes));
        Assert.Null(book.FindPlan("prod", "checkout", Report, [new("concurrency_limit", "baseline", 32, 44)]));
    }

    [Fact]
    public void IsWellFormed_GeneratedAndGarbage_Distinguished()
    {
        Assert.True(ApprovalIds.IsWellFormed(Request().Id));
        Assert.False(ApprovalIds.IsWellFormed("apr-<script>"));
        Assert.False(ApprovalIds.IsWellFormed(null));
    }
}
