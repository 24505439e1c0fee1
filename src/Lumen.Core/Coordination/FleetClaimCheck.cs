using System.Globalization;
using System.Text.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Coordination;

/// <summary>
/// Checks across the ledgers of a stage's replicas (docs/scale-out.md): every claim a replica
/// gained is ledgered with its fencing token (<c>coordination.changed</c>), and the engine gives a
/// service's every new claim a new, larger token, so one (stage, service, token) found in two
/// ledgers means two replicas believed they held the same claim. What <c>lumen ledger verify</c>
/// and <c>lumen report</c> print.
/// </summary>
public static class FleetClaimCheck
{
    /// <param name="ledgers">Each ledger's name (as printed) and entries, in the order given.</param>
    public static FleetClaims Check(IEnumerable<(string Ledger, IEnumerable<LedgerEntry> Entries)> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        var seen = new Dictionary<(string Stage, string Service, long Token), string>();
        var replicas = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var gains = 0;
        foreach (var (ledger, entries) in ledgers)
        {
            foreach (var entry in entries.Where(e => e.Kind == LedgerKinds.CoordinationChanged))
            {
                var replica = ReplicaOf(entry) ?? "?";
                foreach (var (service, token) in Gained(entry))
                {
                    gains++;
                    replicas.Add(replica);
                    var key = (entry.Stage ?? "", service, token);
                    var where = $"{replica} ({ledger})";
                    if (seen.TryGetValue(key, out var first) && !first.StartsWith(replica + " (" + ledger, StringComparison.Ordinal))
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{key.Item2} (stage {key.Item1}) was claimed under token {token} by {first} and by {where}"));
                    }
                    else
                    {
                        seen.TryAdd(key, where);
                    }
                }
            }
        }

        return new FleetClaims(gains, replicas, problems);
    }

    /// <summary>The replica a <c>coordination.changed</c> entry names, or null.</summary>
    public static string? ReplicaOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Data.ValueKind == JsonValueKind.Object && entry.Data.TryGetProperty("replica", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString()
            : null;
    }

    /// <summary>The (service, fencing token) pairs a <c>coordination.changed</c> entry gained; malformed items are skipped.</summary>
    public static IEnumerable<(string Service, long Token)> Gained(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Data.ValueKind != JsonValueKind.Object || !entry.Data.TryGetProperty("gained", out var gained) || gained.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var gain in gained.EnumerateArray())
        {
            if (gain.ValueKind != JsonValueKind.Object || !gain.TryGetProperty("service", out var s) || s.ValueKind != JsonValueKind.String
                || !gain.TryGetProperty("token", out var t)
                || t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out var token))
            {
                continue;
            }

            yield return (s.GetString()!, token);
        }
    }

    /// <summary>The services a <c>coordination.changed</c> entry lost.</summary>
    public static IEnumerable<string> Lost(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Data.ValueKind != JsonValueKind.Object || !entry.Data.TryGetProperty("lost", out var lost) || lost.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return lost.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
    }
}
