namespace Lumen.Core.Coordination;

/// <summary>
/// The pure part of a refresh: given the services, the live replicas and who holds what, which
/// services this replica gives back and which free ones it tries to claim. The fair share is
/// ⌈services ÷ live replicas⌉; a replica over it releases its surplus (the services last in its
/// preference order), one under it claims free services in its preference order. The preference
/// order is a hash of (replica, service), so replicas reach for different services first and rarely
/// race for the same key (rendezvous hashing, Thaler &amp; Ravishankar 1998).
/// </summary>
public static class ClaimPlan
{
    /// <param name="services">Every service of the stage.</param>
    /// <param name="liveReplicas">Live replicas, this one included (at least 1).</param>
    /// <param name="replicaId">This replica.</param>
    /// <param name="holders">Service → current holder, for the services that are held.</param>
    /// <param name="busy">Services with open adjustments: never released.</param>
    public static (IReadOnlyList<string> Release, IReadOnlyList<string> Claim) Plan(
        IReadOnlyList<string> services, int liveReplicas, string replicaId, IReadOnlyDictionary<string, string> holders,
        IReadOnlySet<string> busy)
    {
        ArgumentNullException.ThrowIfNull(busy);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(holders);
        var share = FairShare(services.Count, liveReplicas);
        var ordered = services.Distinct(StringComparer.Ordinal).OrderBy(s => Preference(replicaId, s)).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var mine = ordered.Where(s => holders.TryGetValue(s, out var h) && h == replicaId).ToList();
        if (mine.Count > share)
        {
            // Give back the least preferred first, skipping those with open adjustments.
            var surplus = mine.Count - share;
            return (mine.AsEnumerable().Reverse().Where(s => !busy.Contains(s)).Take(surplus).ToList(), []);
        }

        var free = ordered.Where(s => !holders.ContainsKey(s)).Take(share - mine.Count).ToList();
        return ([], free);
    }

    /// <summary>⌈services ÷ replicas⌉ (all of them for one replica).</summary>
    public static int FairShare(int services, int liveReplicas) =>
        services == 0 ? 0 : (services + Math.Max(1, liveReplicas) - 1) / Math.Max(1, liveReplicas);

    /// <summary>
    /// The replica's preference for the service: a stable 64-bit hash of "replica/service" (FNV-1a,
    /// then MurmurHash3's 64-bit finaliser so that every input bit reaches every output bit; FNV-1a
    /// alone orders two replicas' preferences almost identically).
    /// </summary>
    public static ulong Preference(string replicaId, string service)
    {
        ArgumentNullException.ThrowIfNull(replicaId);
        ArgumentNullException.ThrowIfNull(service);
        var hash = 14695981039346656037UL;
        foreach (var c in replicaId + "/" + service)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        unchecked
        {
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53UL;
            hash ^= hash >> 33;
        }

        return hash;
    }
}
