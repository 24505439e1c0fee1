using Lumen.Adapters.LedgerStore;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// The claims across the ledger files of a stage's replicas (<see cref="FleetClaimCheck"/>): one
/// (stage, service, token) found in two ledgers means two replicas believed they held the same claim.
/// </summary>
internal static class FleetLedgers
{
    public static FleetClaims CheckClaims(IReadOnlyList<string> ledgers) =>
        FleetClaimCheck.Check(ledgers.Select(l => (l, LedgerFileReader.Read(l).Select(x => x.Entry).OfType<LedgerEntry>())));
}
