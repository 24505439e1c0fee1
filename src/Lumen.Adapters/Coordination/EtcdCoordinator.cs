using System.Collections.Immutable;
using System.Text.Json;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Lumen.Core.Coordination;
using Lumen.Core.Json;

namespace Lumen.Adapters.Coordination;

/// <summary>
/// Shares a stage's services among replicas through etcd (docs/scale-out.md). Each replica has one
/// etcd lease; its membership key and every claim it makes are attached to that lease, so when the
/// replica dies (no renewal for the TTL) etcd deletes all of them at once and the others claim the
/// services. A claim is made with a transaction that succeeds only when the key does not exist, so
/// two replicas never hold one service; its create revision is the fencing token (etcd's revision
/// only grows, so a later claim always has a larger token).
/// </summary>
public sealed class EtcdCoordinator : IServiceCoordinator, IFleetReader
{
    public const string KindName = "etcd";

    private readonly EtcdClient _client;
    private readonly EtcdCoordinatorOptions _options;
    private readonly TimeProvider _time;
    private long _leaseId;
    private Holdings _last;

    public EtcdCoordinator(EtcdCoordinatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _client = new EtcdClient(options.Endpoint.GetLeftPart(UriPartial.Authority));
        _last = Holdings.None(options.ReplicaId, "not refreshed yet");
    }

    public string Kind => KindName;

    public string ReplicaId => _options.ReplicaId;

    public async Task<Holdings> RefreshAsync(IReadOnlyList<string> services, IReadOnlySet<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(busy);
        try
        {
            var validUntil = await RenewAsync(cancellationToken).ConfigureAwait(false);
            if (validUntil is null)
            {
                _last = Holdings.None(ReplicaId, "the lease lapsed (this replica was paused or cut off longer than lease_ttl_seconds); rejoining");
                return _last;
            }

            var (holders, tokens) = await ClaimsAsync(cancellationToken).ConfigureAwait(false);
            var live = await LiveReplicasAsync(cancellationToken).ConfigureAwait(false);
            var (release, claim) = ClaimPlan.Plan(services, live, ReplicaId, holders, busy);
            foreach (var service in release)
            {
                if (await ReleaseAsync(service, cancellationToken).ConfigureAwait(false))
                {
                    holders.Remove(service);
                    tokens.Remove(service);
                }
            }

            foreach (var service in claim)
            {
                var token = await ClaimAsync(service, cancellationToken).ConfigureAwait(false);
                if (token is { } t)
                {
                    holders[service] = ReplicaId;
                    tokens[service] = t;
                }
            }

            var wanted = services.ToHashSet(StringComparer.Ordinal);
            var held = tokens.Where(kv => wanted.Contains(kv.Key) && holders[kv.Key] == ReplicaId)
                .ToImmutableDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            _last = new Holdings(ReplicaId, held, holders.ToImmutableDictionary(StringComparer.Ordinal), live, validUntil.Value, null);
            return _last;
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Keep what was held until its lease could have lapsed; name the fault.
            _last = _last with { Problem = $"etcd at {_options.Endpoint} did not answer: {Describe(e)}" };
            return _last;
        }
    }

    public async Task<bool> PublishAsync(ServiceHandover handover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        if (_leaseId == 0)
        {
            return false;
        }

        try
        {
            // Written only while the claim is still under this replica's lease: etcd itself fences it.
            var txn = new TxnRequest();
            txn.Compare.Add(new Compare
            {
                Key = Key(_options.ClaimsPrefix + handover.Service), Target = Compare.Types.CompareTarget.Lease,
                Result = Compare.Types.CompareResult.Equal, Lease = _leaseId,
            });
            txn.Success.Add(new RequestOp
            {
                RequestPut = new PutRequest { Key = Key(_options.StatePrefix + handover.Service), Value = ByteString.CopyFromUtf8(handover.ToJson()) },
            });
            var answer = await _client.TransactionAsync(txn, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.Succeeded;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public async Task<ServiceHandover?> ReadHandoverAsync(string service, CancellationToken cancellationToken)
    {
        var range = await _client.GetAsync(_options.StatePrefix + service, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return range.Kvs.Count == 0 ? null : ServiceHandover.Parse(range.Kvs[0].Value.ToStringUtf8());
    }

    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        if (_leaseId == 0)
        {
            return;
        }

        try
        {
            // Revoking the lease deletes the membership key and every claim in one step.
            await _client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = _leaseId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The claims lapse with the lease anyway.
        }

        _leaseId = 0;
        _last = Holdings.None(ReplicaId, "released");
    }

    public async Task<FleetView> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var replicas = await _client.GetRangeAsync(_options.ReplicasPrefix, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var claims = await _client.GetRangeAsync(_options.ClaimsPrefix, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new FleetView($"etcd at {_options.Endpoint}",
            [.. replicas.Kvs.Select(kv => kv.Key.ToStringUtf8()[_options.ReplicasPrefix.Length..]).Order(StringComparer.Ordinal)],
            claims.Kvs.ToImmutableSortedDictionary(kv => kv.Key.ToStringUtf8()[_options.ClaimsPrefix.Length..], kv => kv.Value.ToStringUtf8(), StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Grants a lease (first time, or after it lapsed) or renews it; the time until which the claims are valid, or null when the lease lapsed.</summary>
    private async Task<DateTimeOffset?> RenewAsync(CancellationToken cancellationToken)
    {
        var sent = _time.GetUtcNow();
        var ttlSeconds = (long)_options.LeaseTtl.TotalSeconds;
        if (_leaseId == 0)
        {
            var grant = await _client.LeaseGrantAsync(new LeaseGrantRequest { TTL = ttlSeconds }, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            _leaseId = grant.ID;
            var member = ObjectJson.Serialize(new { replica = ReplicaId, since = sent.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
            await _client.PutAsync(new PutRequest { Key = Key(_options.ReplicasPrefix + ReplicaId), Value = ByteString.CopyFromUtf8(member), Lease = _leaseId },
                deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return sent + TimeSpan.FromSeconds(grant.TTL) - _options.SafetyMargin;
        }

        long remaining = 0;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(_options.CallTimeout);
            await _client.LeaseKeepAlive(new LeaseKeepAliveRequest { ID = _leaseId }, r => remaining = r.TTL, bounded.Token).ConfigureAwait(false);
        }

        if (remaining <= 0)
        {
            _leaseId = 0;
            return null;
        }

        return sent + TimeSpan.FromSeconds(remaining) - _options.SafetyMargin;
    }

    private async Task<(Dictionary<string, string> Holders, Dictionary<string, long> Tokens)> ClaimsAsync(CancellationToken cancellationToken)
    {
        var range = await _client.GetRangeAsync(_options.ClaimsPrefix, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kv in range.Kvs)
        {
            var service = kv.Key.ToStringUtf8()[_options.ClaimsPrefix.Length..];
            var holder = kv.Value.ToStringUtf8();
            holders[service] = holder;
            if (holder == ReplicaId && kv.Lease == _leaseId)
            {
                tokens[service] = kv.CreateRevision;
            }
            else if (holder == ReplicaId)
            {
                // A claim under an older lease of this replica (it rejoined): not ours to use.
                holders[service] = holder + " (previous lease)";
            }
        }

        return (holders, tokens);
    }

    private async Task<int> LiveReplicasAsync(CancellationToken cancellationToken)
    {
        var range = await _client.GetRangeAsync(_options.ReplicasPrefix, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Math.Max(1, range.Kvs.Count);
    }

    /// <summary>Creates the claim only if no one holds it; its create revision (the fencing token), or null when someone else won.</summary>
    private async Task<long?> ClaimAsync(string service, CancellationToken cancellationToken)
    {
        var key = Key(_options.ClaimsPrefix + service);
        var txn = new TxnRequest();
        txn.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
        txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = key, Value = ByteString.CopyFromUtf8(ReplicaId), Lease = _leaseId } });
        var answer = await _client.TransactionAsync(txn, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Succeeded ? answer.Header.Revision : null;
    }

    /// <summary>Deletes the claim only while it is still this replica's under its current lease.</summary>
    private async Task<bool> ReleaseAsync(string service, CancellationToken cancellationToken)
    {
        var key = Key(_options.ClaimsPrefix + service);
        var txn = new TxnRequest();
        txn.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Lease, Result = Compare.Types.CompareResult.Equal, Lease = _leaseId });
        txn.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = key } });
        var answer = await _client.TransactionAsync(txn, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Succeeded;
    }

    private DateTime Deadline() => _time.GetUtcNow().UtcDateTime + _options.CallTimeout;

    private static ByteString Key(string text) => ByteString.CopyFromUtf8(text);

    private static string Describe(Exception e) => e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message;
}
