using System.Globalization;
using System.Text.Json;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// Checks across the ledgers of a stage's replicas (docs/scale-out.md): every claim a replica
/// gained is ledgered with its fencing token (<c>coordination.changed</c>), and the engine gives a
/// service's every new claim a new, larger token, so one (stage, service, token) found in two
/// ledgers means two replicas believed they held the same claim.
/// </summary>
internal static class FleetLedgers
{
    public static FleetClaims CheckClaims(IReadOnlyList<string> ledgers)
    {
        var seen = new Dictionary<(string Stage, string Service, long Token), string>();
        var replicas = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var gains = 0;
        foreach (var ledger in ledgers)
        {
            foreach (var entry in LedgerFileReader.Read(ledger).Select(l => l.Entry).OfType<LedgerEntry>()
                         .Where(e => e.Kind == LedgerKinds.CoordinationChanged))
            {
                var replica = entry.Data.TryGetProperty("replica", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "?";
                if (!entry.Data.TryGetProperty("gained", out var gained) || gained.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var gain in gained.EnumerateArray())
                {
                    if (!gain.TryGetProperty("service", out var s) || !gain.TryGetProperty("token", out var t) || !t.TryGetInt64(out var token))
                    {
                        continue;
                    }

                    gains++;
                    replicas.Add(replica);
                    var key = (entry.Stage ?? "", s.GetString() ?? "", token);
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
}
