using Lumen.Core.Ledger;
using Lumen.Reports.Ledger;

namespace Lumen.Reports.Fleet;

/// <summary>One replica's ledger as the report reads it: the path given, its entries and the verifier's verdict.</summary>
public sealed record FleetLedger(string Path, IReadOnlyList<LedgerEntry> Entries, LedgerVerification Verification);
