namespace Lumen.Core.Coordination;

/// <summary>The claims found across several replicas' ledgers (<see cref="FleetClaimCheck"/>).</summary>
/// <param name="Gains">coordination.changed gains read.</param>
/// <param name="Replicas">The replicas that ledgered a gain.</param>
/// <param name="Problems">One line per (stage, service, token) claimed in two ledgers.</param>
public sealed record FleetClaims(int Gains, IReadOnlySet<string> Replicas, IReadOnlyList<string> Problems);
