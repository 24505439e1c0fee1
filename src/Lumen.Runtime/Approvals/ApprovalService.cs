using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Approvals;

/// <summary>
/// The one way approvals are read and written, used by the CLI, the web console and the Slack
/// endpoint alike: folds the ledger incrementally into an <see cref="ApprovalBook"/>, checks each
/// decision with <see cref="ApprovalRules"/> and appends only what the rules accept. Calls are
/// serialised, so two clicks at once cannot both be "first".
/// </summary>
public sealed class ApprovalService(ILedgerStore ledger, TimeProvider time, int tailCapacity = 50)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ApprovalBook _book = ApprovalBook.Empty;
    private AdjustmentBook _adjustments = AdjustmentBook.Empty;
    private ImmutableQueue<LedgerEntry> _tail = [];
    private int _tailCount;
    private long _seq;

    public TimeProvider Time => time;

    /// <summary>The book with every durable entry folded in.</summary>
    public async Task<ApprovalBook> BookAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The open adjustments folded from the same ledger (for the console's status).</summary>
    public async Task<AdjustmentBook> AdjustmentsAsync(CancellationToken cancellationToken)
    {
        await BookAsync(cancellationToken).ConfigureAwait(false);
        return _adjustments;
    }

    /// <summary>The last entries of the ledger, newest first (for the console).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> TailAsync(CancellationToken cancellationToken)
    {
        await BookAsync(cancellationToken).ConfigureAwait(false);
        return [.. _tail.Reverse()];
    }

    /// <summary>Checks a decision and records it when the rules accept it (idempotent: a repeat writes nothing).</summary>
    public async Task<DecisionCheck> DecideAsync(ApprovalDecision decision, ApproverAllowlist allowlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var book = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            var check = ApprovalRules.Check(book, decision, time.GetUtcNow(), allowlist);
            if (check.ShouldRecord)
            {
                var entry = await ledger.AppendAsync(ApprovalLedger.Decided(check.Record!.Request, decision), cancellationToken).ConfigureAwait(false);
                Fold(entry);
            }

            return check;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Returns the open or decided request for this plan, or writes a new one (then announces it on
    /// <paramref name="channels"/>). Expired requests get their <c>approval.expired</c> entry first.
    /// </summary>
    public async Task<(ApprovalRecord Record, bool Created, IReadOnlyList<string> Notes)> RequestAsync(
        string stage, string service, ImmutableArray<PlannedChange> changes, string reportSha256, TimeSpan expiresAfter,
        string requestedBy, IReadOnlyList<IApprovalChannel> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ApprovalRequest request;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            await ExpireDueAsync(await RefreshAsync(cancellationToken).ConfigureAwait(false), now, requestedBy, cancellationToken).ConfigureAwait(false);
            if (_book.FindPlan(stage, service, reportSha256, changes) is { } existing
                && existing.StatusAt(now) is ApprovalStatus.Pending or ApprovalStatus.Granted)
            {
                return (existing, false, []);
            }

            request = new ApprovalRequest(ApprovalIds.For(stage, service, reportSha256, changes, now), stage, service, changes,
                reportSha256, now, now + expiresAfter, requestedBy);
            Fold(await ledger.AppendAsync(ApprovalLedger.Requested(request), cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }

        var notes = new List<string>();
        foreach (var channel in channels)
        {
            var sent = await channel.NotifyAsync(request, cancellationToken).ConfigureAwait(false);
            notes.Add(sent.Ok ? $"{channel.Name}: sent" : $"{channel.Name}: not sent ({sent.Reason}); decide through another channel");
        }

        return (_book.Find(request.Id)!, true, notes);
    }

    /// <summary>Writes <c>approval.expired</c> for every request past its expiry without a decision.</summary>
    public async Task<int> ExpireDueAsync(string actor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var book = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            return await ExpireDueAsync(book, time.GetUtcNow(), actor, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> ExpireDueAsync(ApprovalBook book, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var due = book.ExpiredUnrecorded(now).ToList();
        foreach (var record in due)
        {
            Fold(await ledger.AppendAsync(ApprovalLedger.Expired(record.Request, actor), cancellationToken).ConfigureAwait(false));
        }

        return due.Count;
    }

    private async Task<ApprovalBook> RefreshAsync(CancellationToken cancellationToken)
    {
        if (ledger.Head.Seq > _seq)
        {
            await foreach (var entry in ledger.ReadAsync(_seq + 1, cancellationToken).ConfigureAwait(false))
            {
                Fold(entry);
            }
        }

        return _book;
    }

    private void Fold(LedgerEntry entry)
    {
        if (entry.Seq <= _seq)
        {
            return;
        }

        _seq = entry.Seq;
        _book = _book.Apply(entry);
        _adjustments = _adjustments.Apply(entry);
        _tail = _tail.Enqueue(entry);
        if (++_tailCount > tailCapacity)
        {
            _tail = _tail.Dequeue();
            _tailCount--;
        }
    }
}
