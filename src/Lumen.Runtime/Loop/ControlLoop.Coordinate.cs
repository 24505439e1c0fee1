using System.Collections.Immutable;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Loop;

public sealed partial class ControlLoop
{
    private readonly Coordination.HoldingsCell _holdings;
    private readonly Dictionary<string, long> _handedOver = new(StringComparer.Ordinal);

    // The services' names in the loop's order, as the coordinator is asked for them every tick (made once).
    private string[]? _serviceNames;

    /// <summary>The claims of the latest refresh (every service, for <c>coordination: local</c>).</summary>
    public Holdings Holdings => _holdings.Current;

    /// <summary>
    /// Step 0: renew this replica's claims and take its fair share (docs/scale-out.md); the tick then
    /// runs only over the services it holds. Services with open adjustments are never given away in
    /// a rebalance. A change of the holdings (gained, lost, or a fault of the engine) is ledgered as
    /// <c>coordination.changed</c>.
    /// </summary>
    private async Task<IReadOnlyList<ServiceMemory>> CoordinateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = _serviceNames ??= [.. _services.Select(s => s.Service.Name)];
        var busy = _book.Open.Values.Select(a => a.Service).ToHashSet(StringComparer.Ordinal);
        var before = _holdings.Current;
        var after = await _ports.Coordinator.RefreshAsync(names, busy, cancellationToken).ConfigureAwait(false);
        _holdings.Current = after;
        if (_ports.Coordinator is LocalCoordinator)
        {
            return _services;
        }

        var gained = after.Held.Where(kv => before.TokenOf(kv.Key) != kv.Value).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var lost = before.Held.Keys.Where(s => !after.Held.ContainsKey(s)).Order(StringComparer.Ordinal).ToList();
        foreach (var service in lost)
        {
            _handedOver.Remove(service);
        }

        if (gained.Count > 0 || lost.Count > 0 || after.Problem != before.Problem)
        {
            var entry = await _ports.Ledger.AppendAsync(new LedgerDraft(LedgerKinds.CoordinationChanged, _options.Stage, null, _options.Actor,
                LedgerData.From(new Dictionary<string, object?>
                {
                    ["engine"] = _ports.Coordinator.Kind,
                    ["replica"] = after.ReplicaId,
                    ["gained"] = gained.Select(kv => new Dictionary<string, object?> { ["service"] = kv.Key, ["token"] = kv.Value }).ToArray(),
                    ["lost"] = lost.ToArray(),
                    ["held"] = after.Held.Count,
                    ["live_replicas"] = after.LiveReplicas,
                    ["valid_until"] = after.ValidUntil == DateTimeOffset.MinValue ? null : LedgerTime.ToText(after.ValidUntil),
                    ["problem"] = after.Problem,
                })), cancellationToken).ConfigureAwait(false);
            _book = _book.Apply(entry);
        }

        var ready = new List<ServiceMemory>();
        foreach (var service in _services.Where(s => after.Holds(s.Service.Name, now)))
        {
            if (await TakeHandoverAsync(service.Service.Name, after.Held[service.Service.Name], cancellationToken).ConfigureAwait(false))
            {
                ready.Add(service);
            }
        }

        return ready;
    }

    /// <summary>
    /// Before acting on a service gained under <paramref name="token"/>: adopt what its last holder
    /// handed over (ledgered as <c>coordination.adopted</c>), then publish this replica's own
    /// hand-over. False (the service sits this tick out) while the hand-over cannot be read.
    /// </summary>
    private async Task<bool> TakeHandoverAsync(string service, long token, CancellationToken cancellationToken)
    {
        if (_handedOver.TryGetValue(service, out var done) && done == token)
        {
            return true;
        }

        ServiceHandover? previous;
        try
        {
            previous = await _ports.Coordinator.ReadHandoverAsync(service, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }

        if (previous is { IsEmpty: false } && previous.Token != token)
        {
            var entry = await _ports.Ledger.AppendAsync(new LedgerDraft(LedgerKinds.CoordinationAdopted, _options.Stage, service, _options.Actor,
                LedgerData.From(new Dictionary<string, object?>
                {
                    ["from_replica"] = previous.Replica,
                    ["from_token"] = previous.Token,
                    ["token"] = token,
                    ["open"] = previous.Open.Select(a => new Dictionary<string, object?>
                    {
                        ["id"] = a.Id, ["knob"] = a.Knob, ["track"] = a.Track, ["from"] = a.From, ["to"] = a.To,
                        ["expires_at"] = LedgerTime.ToText(a.ExpiresAt),
                    }).ToArray(),
                    ["kept"] = previous.Kept,
                })), cancellationToken).ConfigureAwait(false);
            _book = _book.Apply(entry);
        }

        if (!await PublishHandoverAsync(service, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _handedOver[service] = token;
        return true;
    }

    /// <summary>Publishes <paramref name="service"/>'s open adjustments and kept values under this replica's claim.</summary>
    private Task<bool> PublishHandoverAsync(string service, CancellationToken cancellationToken)
    {
        var holdings = _holdings.Current;
        return holdings.TokenOf(service) is { } token
            ? _ports.Coordinator.PublishAsync(ServiceHandover.From(_book, service, holdings.ReplicaId, token), cancellationToken)
            : Task.FromResult(false);
    }

    /// <summary>Gives this replica's claims back (a clean stop: the others take the services at once) and closes the coordinator.</summary>
    public async Task ReleaseClaimsAsync(CancellationToken cancellationToken)
    {
        await _ports.Coordinator.ReleaseAllAsync(cancellationToken).ConfigureAwait(false);
        await _ports.Coordinator.DisposeAsync().ConfigureAwait(false);
    }
}
