using Lumen.Core.Leases;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Loop;

/// <summary>
/// Step 0: one controller per target (docs/reliability.md). Before anything else a tick takes or renews
/// the lease of every leased service; a service whose lease another holder has is not acted on (no
/// decision, no apply, no restore: its holder restores what it applied). A lapsed lease is taken over
/// only after its expiry, and the take-over is ledgered (<c>lease.taken_over</c>); losing a held lease
/// is ledgered too (<c>lease.lost</c>).
/// </summary>
public sealed partial class ControlLoop
{
    private readonly Dictionary<string, TargetLease> _held = new(StringComparer.Ordinal);
    // When each held lease lapses by the loop's own clock (asked-at + ttl): the target's clock may differ,
    // so the loop never trusts the target's expires_at to decide whether it may still act.
    private readonly Dictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeaseOutcome> _lastLease = new(StringComparer.Ordinal);

    /// <summary>The last lease outcome per leased service (for <c>/readyz</c> and messages).</summary>
    public IReadOnlyDictionary<string, LeaseOutcome> LeaseOutcomes => _lastLease;

    /// <summary>True when the loop may act on <paramref name="service"/>: it has no lease configured, or the loop holds it now.</summary>
    public bool HoldsLease(string service) =>
        !_ports.Leases.ContainsKey(service)
        || (_lastLease.TryGetValue(service, out var last) && last.Status == LeaseStatus.Unsupported)
        || (_held.ContainsKey(service) && _heldUntil.TryGetValue(service, out var until) && _ports.Time.GetUtcNow() < until);

    /// <summary>
    /// Takes or renews every lease; called by each tick and by <c>lumen run</c> before the first tick
    /// (which refuses to start when another holder has a lease).
    /// </summary>
    public Task<IReadOnlyDictionary<string, LeaseOutcome>> RenewLeasesAsync(CancellationToken cancellationToken) =>
        RenewLeasesAsync(null, cancellationToken);

    private async Task<IReadOnlyDictionary<string, LeaseOutcome>> RenewLeasesAsync(TickContext? tick, CancellationToken cancellationToken)
    {
        foreach (var (service, target) in _ports.Leases.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var held = _held.GetValueOrDefault(service);
            var askedAt = _ports.Time.GetUtcNow();
            var outcome = await target.Lease.AcquireAsync(_options.LeaseHolder, _options.EffectiveLeaseTtl, held?.Token, cancellationToken)
                .ConfigureAwait(false);
            _lastLease[service] = outcome;
            switch (outcome.Status)
            {
                case LeaseStatus.Granted:
                    var lease = outcome.Lease!;
                    _held[service] = lease;
                    _heldUntil[service] = askedAt + _options.EffectiveLeaseTtl;
                    target.Fence.Value = lease.Token;
                    if (outcome.TakenOverFrom is { } lapsed)
                    {
                        await AppendAsync(tick, LedgerKinds.LeaseTakenOver, service, LedgerData.From(new Dictionary<string, object?>
                        {
                            ["target"] = target.Lease.Location,
                            ["holder"] = lease.Holder,
                            ["token"] = lease.Token,
                            ["previous_holder"] = lapsed.Holder,
                            ["previous_token"] = lapsed.Token,
                            ["previous_expires_at"] = LedgerTime.ToText(lapsed.ExpiresAt),
                        }), cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case LeaseStatus.Held:
                    target.Fence.Value = null;
                    if (_held.Remove(service, out var lost))
                    {
                        tick?.Problems.Add($"{service}: lease on {target.Lease.Location} lost to {outcome.Lease!.Holder}; not acting on it");
                        await LeaseLostAsync(tick, service, target, lost, $"held by {outcome.Lease!.Holder} (token {outcome.Lease.Token})", cancellationToken)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        tick?.Problems.Add($"{service}: lease on {target.Lease.Location} held by {outcome.Lease!.Holder} until {LedgerTime.ToText(outcome.Lease.ExpiresAt)}; not acting on it");
                    }

                    break;
                case LeaseStatus.Unsupported:
                    target.Fence.Value = null;
                    if (tick is null || tick.Tick == 1)
                    {
                        tick?.Problems.Add($"{service}: {outcome.Reason}; acting without a lease (one controller per target is not enforced)");
                    }

                    break;
                default:
                    // The target cannot be asked: keep acting only while the lease we hold has not expired by our clock.
                    if (held is not null && !HoldsLease(service))
                    {
                        _held.Remove(service);
                        target.Fence.Value = null;
                        await LeaseLostAsync(tick, service, target, held, $"not renewed: {outcome.Reason}", cancellationToken).ConfigureAwait(false);
                    }

                    tick?.Problems.Add($"{service}: lease on {target.Lease.Location} not renewed: {outcome.Reason}");
                    break;
            }
        }

        UpdateSafetyFaults();
        return _lastLease;
    }

    private Task LeaseLostAsync(TickContext? tick, string service, LeasedTarget target, TargetLease lost, string reason, CancellationToken cancellationToken) =>
        AppendAsync(tick, LedgerKinds.LeaseLost, service, LedgerData.From(new Dictionary<string, object?>
        {
            ["target"] = target.Lease.Location,
            ["holder"] = lost.Holder,
            ["token"] = lost.Token,
            ["reason"] = reason,
        }), cancellationToken);

    /// <summary>
    /// Gives up every lease the loop holds on a service with no open adjustment (a clean stop); a
    /// lease over open adjustments is kept until it lapses, so no other controller acts on a knob whose
    /// restore this loop still owes.
    /// </summary>
    public async Task ReleaseLeasesAsync(CancellationToken cancellationToken)
    {
        foreach (var (service, lease) in _held.ToList())
        {
            if (_book.OpenCount(service) > 0)
            {
                continue;
            }

            var target = _ports.Leases[service];
            await target.Lease.ReleaseAsync(lease.Holder, lease.Token, cancellationToken).ConfigureAwait(false);
            target.Fence.Value = null;
            _held.Remove(service);
        }
    }

    /// <summary>
    /// Why the loop cannot be trusted to keep its targets safe right now (docs/reliability.md): restores
    /// that keep failing, a lease not held, failed ledger writes. Empty when all is well. Rebuilt after the
    /// leases and after each tick; safe to read from another thread (<c>/readyz</c>).
    /// </summary>
    public IReadOnlyList<string> SafetyFaults => _safetyFaults;

    private volatile string[] _safetyFaults = [];

    private void UpdateSafetyFaults()
    {
        var faults = new List<string>();
        foreach (var a in _book.Open.Values.Where(a => a.RollbackAttempts > 0))
        {
            faults.Add($"restoring {a.Id} ({a.Service}/{a.Knob} to {a.Intent.From}) is failing: {a.RollbackAttempts} attempt(s), next at {(a.NextRollbackAt is { } n ? LedgerTime.ToText(n) : "the next tick")}");
        }

        foreach (var (service, outcome) in _lastLease.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!HoldsLease(service))
            {
                faults.Add(outcome.Status == LeaseStatus.Held
                    ? $"lease on {service} not held: {outcome.Lease!.Holder} holds it until {LedgerTime.ToText(outcome.Lease.ExpiresAt)}"
                    : $"lease on {service} not held: {outcome.Reason}");
            }
        }

        if (LedgerWriteFailures > 0)
        {
            faults.Add($"the ledger could not be written ({LedgerWriteFailures} failed append(s))");
        }

        _safetyFaults = [.. faults];
    }
}
