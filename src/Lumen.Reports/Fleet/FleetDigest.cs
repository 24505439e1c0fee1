using System.Globalization;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;
using Lumen.Reports.Digest;

namespace Lumen.Reports.Fleet;

/// <summary>
/// The whole fleet read from one ledger per replica (docs/scale-out.md, "Seeing the fleet"): a row
/// per replica, who holds each service at the end of the ledgers and how often it changed hands, and
/// the claims found in two ledgers (<see cref="FleetClaimCheck"/>, over the valid ledgers, as
/// <c>lumen ledger verify</c> checks them).
/// </summary>
public sealed record FleetDigest(IReadOnlyList<ReplicaSummary> Replicas, IReadOnlyList<ServiceHolding> Services, FleetClaims Claims)
{
    /// <summary>Every ledger verifies and no claim is in two ledgers: the report's exit code 0.</summary>
    public bool IsValid => Replicas.All(r => r.Verification.IsValid) && Claims.Problems.Count == 0;

    /// <summary>Whether any ledger has a coordination entry (the replicas ran with an engine, not <c>coordination: local</c>).</summary>
    public bool HasCoordination => Replicas.Any(r => r.Gained + r.Lost + r.Adopted > 0 || r.Problem is not null);

    public static FleetDigest From(IReadOnlyList<FleetLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        var replicas = new List<ReplicaSummary>();
        var claims = new List<(string Service, string Replica, long Token, int Ledger)>();
        var adopted = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ledgers.Count; i++)
        {
            var (summary, gains) = Replay(ledgers[i], i, adopted);
            replicas.Add(summary);
            claims.AddRange(gains);
        }

        var services = new List<ServiceHolding>();
        var holderLedger = new Dictionary<string, int>(StringComparer.Ordinal);
        var byService = claims.ToLookup(c => c.Service, StringComparer.Ordinal);
        foreach (var service in claims.Select(c => c.Service).Concat(adopted.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var (holding, ledger) = Holding(service, [.. byService[service]], adopted.GetValueOrDefault(service), replicas);
            services.Add(holding);
            if (ledger is { } l)
            {
                holderLedger[service] = l;
            }
        }

        for (var i = 0; i < replicas.Count; i++)
        {
            var index = i;
            replicas[i] = replicas[i] with
            {
                Superseded = replicas[i].HeldAtEnd.Keys.Count(s => !(holderLedger.TryGetValue(s, out var l) && l == index)),
            };
        }

        var valid = ledgers.Where(l => l.Verification.IsValid).Select(l => (l.Path, (IEnumerable<LedgerEntry>)l.Entries));
        return new FleetDigest(replicas, services, FleetClaimCheck.Check(valid));
    }

    private static (ReplicaSummary Summary, List<(string Service, string Replica, long Token, int Ledger)> Gains) Replay(
        FleetLedger ledger, int index, Dictionary<string, int> adopted)
    {
        var held = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var gains = new List<(string Service, string Replica, long Token, int Ledger)>();
        string? replica = null;
        string? problem = null;
        int gained = 0, lost = 0, taken = 0;
        long? last = null;
        foreach (var entry in ledger.Entries)
        {
            if (entry.Kind == LedgerKinds.CoordinationChanged)
            {
                replica = FleetClaimCheck.ReplicaOf(entry) ?? replica;
                foreach (var service in FleetClaimCheck.Lost(entry))
                {
                    held.Remove(service);
                    lost++;
                }

                foreach (var (service, token) in FleetClaimCheck.Gained(entry))
                {
                    held[service] = token;
                    gained++;
                    last = Math.Max(last ?? token, token);
                    gains.Add((service, FleetClaimCheck.ReplicaOf(entry) ?? "?", token, index));
                }

                problem = Json.Text(entry.Data, "problem");
            }
            else if (entry.Kind == LedgerKinds.CoordinationAdopted && entry.Service is { } service)
            {
                taken++;
                adopted[service] = adopted.GetValueOrDefault(service) + 1;
                if (Json.Integer(entry.Data, "token") is { } token)
                {
                    last = Math.Max(last ?? token, token);
                }
            }
        }

        var summary = new ReplicaSummary(ledger.Path, replica, ledger.Verification, ledger.Entries.Count, held, gained, lost, taken, last, problem);
        return (summary, gains);
    }

    // The newest claim is the one with the largest token (the engine's tokens grow with every new claim
    // of a service); its replica holds the service at the end unless its own ledger lost it since.
    private static (ServiceHolding Holding, int? Ledger) Holding(string service, List<(string Service, string Replica, long Token, int Ledger)> claims, int adopted,
        IReadOnlyList<ReplicaSummary> replicas)
    {
        var ordered = claims.Distinct().OrderBy(c => c.Token).ThenBy(c => c.Ledger).ToList();
        var handOvers = ordered.Zip(ordered.Skip(1)).Count(p => p.First.Replica != p.Second.Replica);
        if (ordered.Count == 0)
        {
            return (new ServiceHolding(service, null, null, null, 0, 0, adopted, []), null);
        }

        var newest = ordered[^1];
        var holds = replicas[newest.Ledger].HeldAtEnd.TryGetValue(service, out var token) && token == newest.Token;
        var stale = replicas.Select((r, i) => (r, i))
            .Where(x => x.r.HeldAtEnd.ContainsKey(service) && !(holds && x.i == newest.Ledger))
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.r.Replica ?? "?"} (token {x.r.HeldAtEnd[service]})"))
            .ToList();
        var holding = new ServiceHolding(service, holds ? newest.Replica : null, newest.Token, newest.Replica,
            ordered.Select(c => (c.Replica, c.Token)).Distinct().Count(), handOvers, adopted, stale);
        return (holding, holds ? newest.Ledger : null);
    }
}
