using Lumen.Core.Adjustments;

namespace Lumen.Runtime.Loop;

/// <summary>
/// Restores that are due do not wait for the tick's other steps, and a wall clock stepped backwards does
/// not stretch a ttl (docs/reliability.md, "Restores on time").
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>Per open adjustment: when this process first saw it applied (monotonic) and how much of its ttl was left then (wall clock).</summary>
    private readonly Dictionary<string, (long Seen, TimeSpan Left)> _ttlClocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Step 2b, before the SLIs are collected: every adjustment past its ttl (or with a restore pending
    /// after its backoff) is restored now, so a slow or stalled Prometheus (a query may take its timeout
    /// times its retries) cannot hold a due restore back. The brake's rollbacks need the guard's
    /// verdict and stay in the reconcile step. A service restored here is not decided on in the same tick
    /// (as when restores came last): the next tick sees the restored knob first.
    /// </summary>
    private async Task RestoreDueAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var adjustment in _book.Open.Values.ToList())
        {
            if (adjustment.State is AdjustmentState.Applied or AdjustmentState.FailedNeedsRestore
                && _holdings.Current.Holds(adjustment.Service, tick.Now) && HoldsLease(adjustment.Service)
                && Due(adjustment, tick))
            {
                await RestoreAsync(tick, adjustment, adjustment.RollbackCause ?? "ttl", cancellationToken).ConfigureAwait(false);
                tick.RestoredEarly.Add(adjustment.Service);
            }
        }
    }

    /// <summary>
    /// At start-up, before the history backfill (which reads Prometheus and may take its timeout per chunk):
    /// the claims and leases are taken and what a restart owes is restored now, not after the warm-up
    /// (docs/reliability.md, "Restores on time").
    /// </summary>
    internal async Task RestoreDueAtStartAsync(CancellationToken cancellationToken)
    {
        var now = _ports.Time.GetUtcNow();
        var held = await CoordinateAsync(now, cancellationToken).ConfigureAwait(false);
        var tick = new TickContext(NextTick, now, _ports.Time.GetTimestamp(), [.. held.Select(s => new ServiceTick(s))]);
        await RenewLeasesAsync(tick, cancellationToken).ConfigureAwait(false);
        await RestoreDueAsync(tick, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Due by the wall clock (<see cref="Adjustment.RestoreDue"/>), or because the ttl that was left when
    /// this process first saw the adjustment applied has passed on the monotonic clock: a wall clock
    /// stepped backwards (NTP, a VM restored) would otherwise keep a change applied for as long as the
    /// step. Across a restart only the wall clock is known.
    /// </summary>
    private bool Due(Adjustment adjustment, TickContext tick)
    {
        ForgetClosedTtlClocks();
        if (adjustment.RestoreDue(tick.Now))
        {
            return true;
        }

        if (adjustment.State != AdjustmentState.Applied || adjustment.RollbackCause is not null || adjustment.NextRollbackAt is not null)
        {
            return false;
        }

        if (!_ttlClocks.TryGetValue(adjustment.Id, out var clock))
        {
            _ttlClocks[adjustment.Id] = (tick.StartTimestamp, adjustment.Intent.ExpiresAt - tick.Now);
            return false;
        }

        return _ports.Time.GetElapsedTime(clock.Seen, tick.StartTimestamp) >= clock.Left;
    }

    private void ForgetClosedTtlClocks()
    {
        if (_ttlClocks.Count > _book.Open.Count)
        {
            foreach (var id in _ttlClocks.Keys.Where(id => !_book.Open.ContainsKey(id)).ToList())
            {
                _ttlClocks.Remove(id);
            }
        }
    }
}
