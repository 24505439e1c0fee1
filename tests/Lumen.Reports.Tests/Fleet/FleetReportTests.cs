using Lumen.Core.Ledger;
using Lumen.Reports.Fleet;
using Lumen.Reports.Tests.TestKit;
using static Lumen.Reports.Tests.TestKit.ReplicaLedger;

namespace Lumen.Reports.Tests.Fleet;

/// <summary>
/// <c>lumen report</c> over one ledger per replica: the Fleet section's rows, who holds what at the
/// end, and a claim found in two ledgers shown above everything.
/// </summary>
public sealed class FleetReportTests : IDisposable
{
    private readonly TempDirectory _temp = new("lumen-fleet-report-");

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// a holds checkout and search, hands search to b (which adopts it), then is killed: c claims
    /// checkout under a newer token while a's ledger still lists its old claim. b holds cart.
    /// Both a and b number an adjustment adj-000001.
    /// </summary>
    private async Task<(string A, string B, string C)> ThreeReplicasAsync()
    {
        var a = await WriteAsync(_temp.Path, "a",
            (1, Changed("a", [("checkout", 11), ("search", 12)])),
            (2, Intent("checkout", "adj-000001")),
            (3, Outcome(LedgerKinds.AdjustmentApplied, "checkout", "adj-000001")),
            (5, Changed("a", [], "search")));
        var b = await WriteAsync(_temp.Path, "b",
            (1, Changed("b", [("cart", 13)])),
            (2, Intent("cart", "adj-000001", "timeout_ms")),
            (6, Changed("b", [("search", 20)])),
            (6, Adopted("search", "a", 12, 20)));
        var c = await WriteAsync(_temp.Path, "c",
            (9, Changed("c", [("checkout", 30)])));
        return (a, b, c);
    }

    [Fact]
    public async Task From_ThreeReplicas_RowPerReplica_WithHoldingsCountsAndLastToken()
    {
        var (a, b, c) = await ThreeReplicasAsync();

        var (fleet, error) = await ReportRunner.ReportAsync([a, b, c], _temp.File("LUMEN_DEMO_REPORT.md"), CancellationToken.None);

        Assert.Null(error);
        Assert.NotNull(fleet);
        Assert.True(fleet.IsValid);
        Assert.Equal(["a", "b", "c"], fleet.Replicas.Select(r => r.Replica));
        var (ra, rb, rc) = (fleet.Replicas[0], fleet.Replicas[1], fleet.Replicas[2]);
        Assert.Equal(["checkout"], ra.HeldAtEnd.Keys);
        Assert.Equal((2, 1, 0, 12L, 1), (ra.Gained, ra.Lost, ra.Adopted, ra.LastToken!.Value, ra.Superseded));
        Assert.Equal(5, ra.Entries); // ledger.opened + 4
        Assert.Equal(["cart", "search"], rb.HeldAtEnd.Keys);
        Assert.Equal((2, 0, 1, 20L, 0), (rb.Gained, rb.Lost, rb.Adopted, rb.LastToken!.Value, rb.Superseded));
        Assert.Equal(["checkout"], rc.HeldAtEnd.Keys);
        Assert.Equal(30, rc.LastToken);
    }

    [Fact]
    public async Task From_ThreeReplicas_HolderIsTheNewestClaim_AndHandOversCountChangesOfReplica()
    {
        var (a, b, c) = await ThreeReplicasAsync();

        var (fleet, _) = await ReportRunner.ReportAsync([a, b, c], _temp.File("LUMEN_DEMO_REPORT.md"), CancellationToken.None);

        var services = fleet!.Services.ToDictionary(s => s.Service);
        Assert.Equal(["cart", "checkout", "search"], services.Keys);
        Assert.Equal(new ServiceHolding("cart", "b", 13, "b", 1, 0, 0, []), services["cart"] with { Stale = [] });
        Assert.Equal(("c", 30L, 2, 1), (services["checkout"].Holder, services["checkout"].Token!.Value, services["checkout"].Claims, services["checkout"].HandOvers));
        Assert.Equal(["a (token 11)"], services["checkout"].Stale);
        Assert.Equal(("b", 20L, 2, 1, 1), (services["search"].Holder, services["search"].Token!.Value, services["search"].Claims, services["search"].HandOvers, services["search"].Adopted));
        Assert.Empty(services["search"].Stale);
    }

    [Fact]
    public async Task Write_ThreeReplicas_FleetSectionRows_AndTheMergedTimeline()
    {
        var (a, b, c) = await ThreeReplicasAsync();
        var report = _temp.File("LUMEN_DEMO_REPORT.md");

        await ReportRunner.ReportAsync([a, b, c], report, CancellationToken.None);

        var text = await File.ReadAllTextAsync(report);
        Assert.Contains($"Generated from 3 ledgers, one per replica (`{a}`, `{b}`, `{c}`; 12 entries)", text, StringComparison.Ordinal);
        Assert.Contains($"| `a` | `{a}` | ✅ valid | 5 | 1: `checkout` (1 superseded by a newer claim) | 2 | 1 | 0 | 12 |  |", text, StringComparison.Ordinal);
        Assert.Contains($"| `b` | `{b}` | ✅ valid | 5 | 2: `cart`, `search` | 2 | 0 | 1 | 20 |  |", text, StringComparison.Ordinal);
        Assert.Contains($"| `c` | `{c}` | ✅ valid | 2 | 1: `checkout` | 1 | 0 | 0 | 30 |  |", text, StringComparison.Ordinal);
        Assert.Contains("| `checkout` | `c` | 30 | 2 | 1 | 0 | a (token 11) |", text, StringComparison.Ordinal);
        Assert.Contains("| `search` | `b` | 20 | 2 | 1 | 1 |  |", text, StringComparison.Ordinal);
        Assert.Contains("✅ No (stage, service, fencing token) was gained in two ledgers (5 claim(s) gained by 3 replica(s)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("held by two replicas at once", text, StringComparison.Ordinal);
        // Both replicas' adj-000001 are in the merged timeline, each with its own outcome.
        Assert.Contains("Adjustments (2):", text, StringComparison.Ordinal);
        Assert.Contains("| checkout | pool_size | 10 → 12 | tuner | up | active |", text, StringComparison.Ordinal);
        Assert.Contains("| cart | timeout_ms | 10 → 12 | tuner | up | intent only |", text, StringComparison.Ordinal);
        Assert.Contains("✅ 3 ledgers: 3 valid, 0 invalid; 0 claim(s) in two ledgers.", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("## Fleet", StringComparison.Ordinal) < text.IndexOf("## What ran", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_OneClaimInTwoLedgers_IsShownAboveEverything_AndTheFleetIsInvalid()
    {
        var a = await WriteAsync(_temp.Path, "a", (1, Changed("a", [("checkout", 11)])));
        var b = await WriteAsync(_temp.Path, "b", (1, Changed("b", [("checkout", 11)])));
        var report = _temp.File("LUMEN_DEMO_REPORT.md");

        var (fleet, _) = await ReportRunner.ReportAsync([a, b], report, CancellationToken.None);

        Assert.False(fleet!.IsValid);
        var problem = Assert.Single(fleet.Claims.Problems);
        Assert.Equal($"checkout (stage dev) was claimed under token 11 by a ({a}) and by b ({b})", problem);
        var text = await File.ReadAllTextAsync(report);
        var banner = text.IndexOf("> ❌ **1 claim(s) held by two replicas at once**", StringComparison.Ordinal);
        Assert.InRange(banner, 0, text.IndexOf("## Fleet", StringComparison.Ordinal));
        Assert.Contains($"- ❌ **{problem}**", text, StringComparison.Ordinal);
        Assert.Contains("❌ 2 ledgers: 2 valid, 0 invalid; 1 claim(s) in two ledgers.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ATamperedLedger_IsInvalidInItsRow_AndItsClaimsAreNotChecked()
    {
        var (a, b, c) = await ThreeReplicasAsync();
        var lines = await File.ReadAllLinesAsync(b);
        lines[1] = lines[1].Replace("\"cart\"", "\"CART\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(b, lines);
        var report = _temp.File("LUMEN_DEMO_REPORT.md");

        var (fleet, _) = await ReportRunner.ReportAsync([a, b, c], report, CancellationToken.None);

        Assert.False(fleet!.IsValid);
        Assert.False(fleet.Replicas[1].Verification.IsValid);
        Assert.Equal(3, fleet.Claims.Gains); // a's two and c's one: the claim check reads the valid ledgers, as `ledger verify` does
        var text = await File.ReadAllTextAsync(report);
        Assert.Contains($"| `b` | `{b}` | ❌ **invalid** |", text, StringComparison.Ordinal);
        Assert.Contains($"- ❌ `{b}`: FAILED at line 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OneLedgerWithCoordination_KeepsTheOneLedgerIntro_AndAddsTheFleetSection()
    {
        var a = await WriteAsync(_temp.Path, "a", (1, Changed("a", [("checkout", 11)])));
        var report = _temp.File("LUMEN_DEMO_REPORT.md");

        var (fleet, _) = await ReportRunner.ReportAsync([a], report, CancellationToken.None);

        Assert.True(fleet!.IsValid);
        var text = await File.ReadAllTextAsync(report);
        Assert.Contains("Generated from `proof_ledger.jsonl` (2 entries).", text, StringComparison.Ordinal);
        Assert.Contains("## Fleet", text, StringComparison.Ordinal);
        Assert.Contains("| `checkout` | `a` | 11 | 1 | 0 | 0 |  |", text, StringComparison.Ordinal);
        Assert.Contains("✅ OK: 2 entries", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAsync_AMissingLedger_NamesIt_AndWritesNothing()
    {
        var a = await WriteAsync(_temp.Path, "a", (1, Changed("a", [("checkout", 11)])));
        var missing = _temp.File("nope/proof_ledger.jsonl");
        var report = _temp.File("LUMEN_DEMO_REPORT.md");

        var (fleet, error) = await ReportRunner.ReportAsync([a, missing], report, CancellationToken.None);

        Assert.Null(fleet);
        Assert.Equal($"{missing}: no such ledger file", error);
        Assert.False(File.Exists(report));
    }
}
