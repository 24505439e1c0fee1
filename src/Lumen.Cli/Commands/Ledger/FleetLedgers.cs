using Lumen.Adapters.LedgerStore;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;
using Spectre.Console;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// The claims across the ledger files of a stage's replicas (<see cref="FleetClaimCheck"/>): one
/// (stage, service, token) found in two ledgers means two replicas believed they held the same claim.
/// </summary>
internal static class FleetLedgers
{
    public static FleetClaims CheckClaims(IReadOnlyList<string> ledgers) =>
        FleetClaimCheck.Check(ledgers.Select(l => (l, LedgerFileReader.Read(l).Select(x => x.Entry).OfType<LedgerEntry>())));

    /// <summary>The claims line and one line per problem, worded alike by <c>ledger verify</c> and <c>report</c>.</summary>
    public static void Print(IAnsiConsole console, FleetClaims claims)
    {
        console.MarkupLineInterpolated(
            $"claims: {claims.Gains} gained by {claims.Replicas.Count} replica(s) across the valid ledgers; {(claims.Problems.Count == 0 ? "no service claimed twice under one token" : $"{claims.Problems.Count} problem(s)")}");
        foreach (var problem in claims.Problems)
        {
            console.MarkupLineInterpolated($"[red]INVALID[/]: {problem}");
        }
    }
}
