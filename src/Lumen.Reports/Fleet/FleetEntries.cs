using Lumen.Core.Ledger;

namespace Lumen.Reports.Fleet;

/// <summary>
/// Several replicas' ledgers as one stream for the report's other sections: every entry, ordered by
/// its timestamp; entries with the same timestamp keep the order of the ledgers given and, within a
/// ledger, their ledger order. Each service's entries are in the ledger of the replica that held it
/// at the time, so the merged stream is the fleet's whole history.
/// </summary>
internal static class FleetEntries
{
    /// <returns>The merged entries and, for each, the index of the ledger it came from.</returns>
    public static (IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<int> Sources) Merge(IReadOnlyList<FleetLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        var merged = ledgers.SelectMany((l, i) => l.Entries.Select(e => (Entry: e, Source: i)))
            .OrderBy(x => x.Entry.Ts) // stable: ties keep the ledger order, then the order within the ledger
            .ToList();
        return (merged.Select(x => x.Entry).ToList(), merged.Select(x => x.Source).ToList());
    }
}
