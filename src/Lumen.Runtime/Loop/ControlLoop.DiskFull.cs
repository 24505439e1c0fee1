using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The last act of a loop whose state directory is full (docs/reliability.md): after the reserve was
/// released and the ledger reopened, every open adjustment is restored (compare-and-set, as always)
/// and ledgered, so nothing stays applied while the loop is stopped.
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>Points the loop at a reopened ledger (the previous store faulted); the book is kept, it matches the durable entries.</summary>
    public void ReplaceLedger(ILedgerStore ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ports = _ports with { Ledger = ledger };
    }

    /// <summary>
    /// Writes <c>ledger.disk_full</c>, resolves open intents, then restores every open adjustment of a
    /// service whose lease the loop holds, due or not (cause <paramref name="cause"/>). Returns the report
    /// of this pass (its problems name every restore that failed).
    /// </summary>
    public async Task<TickReport> RestoreAllAsync(string cause, string detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cause);
        var tick = new TickContext(NextTick, _ports.Time.GetUtcNow(), _ports.Time.GetTimestamp(), [.. _services.Select(s => new ServiceTick(s))]);
        await AppendAsync(tick, LedgerKinds.DiskFull, null, LedgerData.From(new Dictionary<string, object?>
        {
            ["detail"] = detail,
            ["open"] = _book.Open.Count,
        }), cancellationToken).ConfigureAwait(false);
        await ResolveIntentsAsync(tick, cancellationToken).ConfigureAwait(false);
        foreach (var adjustment in _book.Open.Values.ToList())
        {
            if (HoldsLease(adjustment.Service) && adjustment.State is AdjustmentState.Applied or AdjustmentState.FailedNeedsRestore)
            {
                await RestoreAsync(tick, adjustment, adjustment.RollbackCause ?? (tick.Now >= adjustment.Intent.ExpiresAt ? "ttl" : cause), cancellationToken).ConfigureAwait(false);
            }
        }

        UpdateSafetyFaults();
        return tick.Report();
    }
}
