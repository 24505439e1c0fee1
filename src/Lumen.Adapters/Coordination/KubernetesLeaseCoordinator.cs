using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Core.Coordination;

namespace Lumen.Adapters.Coordination;

/// <summary>
/// Shares a stage's services among replicas through Kubernetes Lease objects
/// (<c>coordination.k8s.io/v1</c>; docs/scale-out.md, docs/kubernetes.md). One Lease per service
/// (the claim: <c>holderIdentity</c> is the replica) and one per replica (its membership, for the
/// fair share). Every write is a PUT carrying the resourceVersion that was read, so the API server
/// refuses it with 409 when anyone changed the Lease in between: two replicas never both acquire
/// one service, and a replica whose claim was taken learns it on its next renewal. A Lease is free
/// when its holder is empty or when this replica has seen the same resourceVersion for the Lease's
/// whole duration on its own clock (as client-go's leader election judges it, so clock offsets
/// between nodes do not matter). The fencing token is the Lease's <c>leaseTransitions</c>, which
/// every acquisition increments.
/// </summary>
public sealed class KubernetesLeaseCoordinator : IServiceCoordinator, IFleetReader
{
    public const string KindName = "kubernetes";
    private const string ClaimRole = "claim";
    private const string MemberRole = "member";

    private readonly KubernetesApi _api;
    private readonly HttpClient _http;
    private readonly KubernetesConnection _connection;
    private readonly KubernetesLeaseCoordinatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseClaim> _mine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Version, DateTimeOffset Since)> _observed = new(StringComparer.Ordinal);
    private JsonObject? _member;
    private Holdings _last;

    public KubernetesLeaseCoordinator(KubernetesLeaseCoordinatorOptions options, KubernetesConnection connection, TimeSpan callTimeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        _options = options;
        _connection = connection;
        _time = time;
        _http = new HttpClient(connection.Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _api = new KubernetesApi(connection, _http, callTimeout);
        _last = Holdings.None(options.ReplicaId, "not refreshed yet");
    }

    public string Kind => KindName;

    public string ReplicaId => _options.ReplicaId;

    private int TtlSeconds => (int)Math.Ceiling(_options.LeaseTtl.TotalSeconds);

    public async Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(busy);
        var now = _time.GetUtcNow();
        var listed = await _api.GetAsync(_options.ListPath, cancellationToken).ConfigureAwait(false);
        if (!listed.IsOk)
        {
            return Unreachable(listed.Reason);
        }

        var leases = (listed.Object!["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        Observe(leases, now);

        var member = await RenewMembershipAsync(leases, now, cancellationToken).ConfigureAwait(false);
        if (member is not null)
        {
            return Unreachable(member);
        }

        var live = 1 + leases.Count(l => LeaseDocument.Role(l) == MemberRole && LeaseDocument.Name(l) != _options.MemberName
            && LeaseDocument.Holder(l) is not null && !Expired(l, now));

        // Who holds what, as listed; this replica's own claims are renewed (compare-and-set).
        var claims = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        var toRenew = new List<(string Service, LeaseClaim Claim)>();
        foreach (var lease in leases.Where(l => LeaseDocument.Role(l) == ClaimRole))
        {
            if (LeaseDocument.Annotation(lease, KubernetesLeaseCoordinatorOptions.ServiceAnnotation) is not { } service)
            {
                continue;
            }

            claims[service] = lease;
            var holder = LeaseDocument.Holder(lease);
            LeaseClaim? mine;
            lock (_gate)
            {
                _mine.TryGetValue(service, out mine);
            }

            if (mine is not null)
            {
                // Renewed with the version this replica last wrote: a 409 means someone changed or took it.
                toRenew.Add((service, mine));
                holders[service] = ReplicaId;
            }
            else if (holder is not null && !Expired(lease, now))
            {
                holders[service] = holder == ReplicaId ? holder + " (previous process)" : holder;
            }
        }

        lock (_gate)
        {
            foreach (var gone in _mine.Keys.Where(s => !claims.ContainsKey(s)).ToList())
            {
                _mine.Remove(gone);
            }
        }

        var renewed = await WriteAllAsync(toRenew, (x, ct) => RenewClaimAsync(x.Service, x.Claim, now, ct), cancellationToken).ConfigureAwait(false);
        foreach (var ((service, _), ok) in renewed)
        {
            if (!ok)
            {
                // Lost (409) or not renewed this time: not acted on; never claimed by this replica in this round.
                holders[service] = LeaseDocument.Holder(claims[service]) is { } h && h != ReplicaId ? h : ReplicaId + " (renewal failed)";
            }
        }

        var (release, claim) = ClaimPlan.Plan(services, live, ReplicaId, holders, busy);
        foreach (var service in release)
        {
            if (await ReleaseClaimAsync(service, now, cancellationToken).ConfigureAwait(false))
            {
                holders.Remove(service);
            }
        }

        var claimed = await WriteAllAsync(claim, (s, ct) => ClaimAsync(s, claims.GetValueOrDefault(s), now, ct), cancellationToken).ConfigureAwait(false);
        foreach (var (service, ok) in claimed)
        {
            if (ok)
            {
                holders[service] = ReplicaId;
            }
        }

        var wanted = services.ToHashSet(StringComparer.Ordinal);
        ImmutableDictionary<string, long> held;
        lock (_gate)
        {
            held = _mine.Where(kv => wanted.Contains(kv.Key) && holders.GetValueOrDefault(kv.Key) == ReplicaId)
                .ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Token, StringComparer.Ordinal);
        }

        var validUntil = now + _options.LeaseTtl - _options.SafetyMargin;
        _last = new Holdings(ReplicaId, held, holders.ToImmutableDictionary(StringComparer.Ordinal), live, validUntil, null);
        return _last;
    }

    public async Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        LeaseClaim? claim;
        lock (_gate)
        {
            _mine.TryGetValue(handover.Service, out claim);
        }

        if (claim is null || claim.Token != handover.Token)
        {
            return false;
        }

        // Written into the claim's own Lease with its resourceVersion: the API server fences it.
        var body = LeaseDocument.Annotated(claim.Lease, KubernetesLeaseCoordinatorOptions.HandoverAnnotation, handover.ToJson());
        var put = await _api.PutAsync(_options.LeasePath(_options.ClaimName(handover.Service)), body, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (put.IsOk)
            {
                _mine[handover.Service] = claim with { Lease = put.Object! };
                _observed[LeaseDocument.Name(put.Object!)] = (LeaseDocument.Version(put.Object!), _time.GetUtcNow());
            }
            else if (put.IsConflict)
            {
                _mine.Remove(handover.Service);
            }
        }

        return put.IsOk;
    }

    public async Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken)
    {
        var got = await _api.GetAsync(_options.LeasePath(_options.ClaimName(service)), cancellationToken).ConfigureAwait(false);
        if (got.Status == 404)
        {
            return null;
        }

        if (!got.IsOk)
        {
            throw new InvalidOperationException(got.Reason);
        }

        return LeaseDocument.Annotation(got.Object!, KubernetesLeaseCoordinatorOptions.HandoverAnnotation) is { } json ? ServiceHandover.Parse(json) : null;
    }

    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        List<string> services;
        lock (_gate)
        {
            services = [.. _mine.Keys];
        }

        var now = _time.GetUtcNow();
        await WriteAllAsync(services, (s, ct) => ReleaseClaimAsync(s, now, ct), cancellationToken).ConfigureAwait(false);
        if (_member is { } member)
        {
            await _api.PutAsync(_options.LeasePath(_options.MemberName), LeaseDocument.Held(member, null, now, TtlSeconds, acquired: false), cancellationToken)
                .ConfigureAwait(false);
            _member = null;
        }

        _last = Holdings.None(ReplicaId, "released");
    }

    /// <summary>
    /// From one LIST: a Lease counts as held while its <c>renewTime</c> plus its duration is ahead of
    /// this machine's clock (one reading cannot observe a resourceVersion over time; for display only).
    /// </summary>
    public async Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var listed = await _api.GetAsync(_options.ListPath, cancellationToken).ConfigureAwait(false);
        if (!listed.IsOk)
        {
            throw new InvalidOperationException(listed.Reason);
        }

        var now = _time.GetUtcNow();
        var live = (listed.Object!["items"] as JsonArray ?? []).OfType<JsonObject>().Where(l => LeaseDocument.Holder(l) is not null && LeaseDocument.Current(l, now)).ToList();
        return new FleetView($"kubernetes namespace {_options.Namespace} ({_connection})",
            [.. live.Where(l => LeaseDocument.Role(l) == MemberRole).Select(l => LeaseDocument.Holder(l)!).Order(StringComparer.Ordinal)],
            live.Where(l => LeaseDocument.Role(l) == ClaimRole && LeaseDocument.Annotation(l, KubernetesLeaseCoordinatorOptions.ServiceAnnotation) is not null)
                .ToImmutableSortedDictionary(l => LeaseDocument.Annotation(l, KubernetesLeaseCoordinatorOptions.ServiceAnnotation)!, l => LeaseDocument.Holder(l)!, StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps the last claims until they could lapse; names the fault.</summary>
    private Holdings Unreachable(string reason)
    {
        _last = _last with { Problem = $"the Kubernetes API ({_connection}) did not answer: {reason}" };
        return _last;
    }

    /// <summary>Remembers when each Lease's current resourceVersion was first seen (the expiry clock).</summary>
    private void Observe(IReadOnlyList<JsonObject> leases, DateTimeOffset now)
    {
        lock (_gate)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lease in leases)
            {
                var name = LeaseDocument.Name(lease);
                var version = LeaseDocument.Version(lease);
                names.Add(name);
                if (!_observed.TryGetValue(name, out var seen) || seen.Version != version)
                {
                    _observed[name] = (version, now);
                }
            }

            foreach (var gone in _observed.Keys.Where(n => !names.Contains(n)).ToList())
            {
                _observed.Remove(gone);
            }
        }
    }

    /// <summary>Unchanged for its whole duration on this replica's clock.</summary>
    private bool Expired(JsonObject lease, DateTimeOffset now)
    {
        var duration = TimeSpan.FromSeconds(LeaseDocument.DurationSeconds(lease) ?? TtlSeconds);
        lock (_gate)
        {
            return _observed.TryGetValue(LeaseDocument.Name(lease), out var seen) && now - seen.Since >= duration;
        }
    }

    /// <summary>Creates or renews this replica's membership Lease; the problem, or null.</summary>
    private async Task<string?> RenewMembershipAsync(IReadOnlyList<JsonObject> leases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listed = leases.FirstOrDefault(l => LeaseDocument.Name(l) == _options.MemberName);
        ApiResult answer;
        if (listed is null)
        {
            var fresh = LeaseDocument.New(_options.MemberName, _options.Namespace, _options.Stage, MemberRole, null);
            answer = await _api.PostAsync(_options.LeasesPath, LeaseDocument.Held(fresh, ReplicaId, now, TtlSeconds, acquired: true), cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            // The listed version: membership only says "alive", so a previous process of this replica is simply continued.
            var acquired = LeaseDocument.Holder(listed) != ReplicaId;
            answer = await _api.PutAsync(_options.LeasePath(_options.MemberName), LeaseDocument.Held(listed, ReplicaId, now, TtlSeconds, acquired), cancellationToken)
                .ConfigureAwait(false);
        }

        if (!answer.IsOk)
        {
            return answer.IsConflict
                ? $"the membership Lease {_options.MemberName} changed while it was renewed (another process with replica name {ReplicaId}?): {answer.Reason}"
                : answer.Reason;
        }

        _member = answer.Object;
        return null;
    }

    /// <summary>Renews a claim with the version this replica last wrote; false when lost (409: dropped) or not renewed.</summary>
    private async Task<bool> RenewClaimAsync(string service, LeaseClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var put = await _api.PutAsync(_options.LeasePath(_options.ClaimName(service)), LeaseDocument.Held(claim.Lease, ReplicaId, now, TtlSeconds, acquired: false),
            cancellationToken).ConfigureAwait(false);
        Record(service, put, claim.Token);
        return put.IsOk;
    }

    /// <summary>Acquires a free (or expired) claim, creating its Lease when there is none; false when another replica won.</summary>
    private async Task<bool> ClaimAsync(string service, JsonObject? listed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = _options.ClaimName(service);
        var lease = listed ?? LeaseDocument.New(name, _options.Namespace, _options.Stage, ClaimRole, service);
        var body = LeaseDocument.Held(lease, ReplicaId, now, TtlSeconds, acquired: true);
        var answer = listed is null
            ? await _api.PostAsync(_options.LeasesPath, body, cancellationToken).ConfigureAwait(false)
            : await _api.PutAsync(_options.LeasePath(name), body, cancellationToken).ConfigureAwait(false);
        Record(service, answer, answer.IsOk ? LeaseDocument.Transitions(answer.Object!) : 0);
        return answer.IsOk;
    }

    /// <summary>Empties the claim's holder (compare-and-set), so another replica takes it at once.</summary>
    private async Task<bool> ReleaseClaimAsync(string service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        LeaseClaim? claim;
        lock (_gate)
        {
            _mine.TryGetValue(service, out claim);
        }

        if (claim is null)
        {
            return false;
        }

        var put = await _api.PutAsync(_options.LeasePath(_options.ClaimName(service)), LeaseDocument.Held(claim.Lease, null, now, TtlSeconds, acquired: false),
            cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (put.IsOk || put.IsConflict)
            {
                _mine.Remove(service);
            }
        }

        return put.IsOk;
    }

    private void Record(string service, ApiResult answer, long token)
    {
        lock (_gate)
        {
            if (answer.IsOk)
            {
                _mine[service] = new LeaseClaim(answer.Object!, token);
                _observed[LeaseDocument.Name(answer.Object!)] = (LeaseDocument.Version(answer.Object!), _time.GetUtcNow());
            }
            else if (answer.IsConflict)
            {
                _mine.Remove(service);
            }
        }
    }

    private async Task<IReadOnlyList<(T Item, bool Ok)>> WriteAllAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task<bool>> write,
        CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<(T, bool)>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (item, ct) => results.Add((item, await write(item, ct).ConfigureAwait(false)))).ConfigureAwait(false);
        return [.. results];
    }
}
