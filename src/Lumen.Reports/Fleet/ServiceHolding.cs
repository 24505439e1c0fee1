namespace Lumen.Reports.Fleet;

/// <summary>One service's row of the report's "Who holds what" table.</summary>
/// <param name="Service">The service.</param>
/// <param name="Holder">The replica holding it at the end of the ledgers; null when its newest claim was lost since (nobody).</param>
/// <param name="Token">The fencing token of its newest claim; null when it was never gained (only adopted).</param>
/// <param name="LastClaimedBy">The replica that made the newest claim (whether or not it still holds it).</param>
/// <param name="Claims">Distinct claims gained across the ledgers.</param>
/// <param name="HandOvers">Changes of replica from one claim to the next, in token order.</param>
/// <param name="Adopted"><c>coordination.adopted</c> entries for it (hand-overs that carried open adjustments or kept values).</param>
/// <param name="Stale">Other ledgers that still hold an older claim at their end, as "replica (token N)".</param>
public sealed record ServiceHolding(
    string Service,
    string? Holder,
    long? Token,
    string? LastClaimedBy,
    int Claims,
    int HandOvers,
    int Adopted,
    IReadOnlyList<string> Stale);
