using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Runtime.Promotion;
using Lumen.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Runtime.Tests.Promotion;

/// <summary>Promotion writes are compare-and-set, like the loop's: a knob someone else changed is left alone and ledgered as a conflict.</summary>
public sealed class PromoterCompareAndSetTests : IDisposable
{
    private readonly TempDirectory _directory = new("lumen-promoter-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ApplyAsync_KnobChangedAfterThePlan_WritesNothingAndReportsTheConflict()
    {
        var baseline = new InMemoryExecutor([new("a", 1), new("b", 2)]);
        var changes = new[] { new PlannedChange("a", "baseline", 1, 5), new PlannedChange("b", "baseline", 2, 9) };
        await baseline.SetAsync("b", 7, CancellationToken.None); // someone else, after the plan was read

        var result = await Promoter.ApplyAsync(changes, baseline, CancellationToken.None);

        Assert.False(result.Ok);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new PromotionConflict("b", "baseline", "apply", 2, 7), conflict);
        Assert.Equal(7, (await baseline.GetAsync("b", CancellationToken.None)).Value);
        Assert.Equal(1, (await baseline.GetAsync("a", CancellationToken.None)).Value); // a was set, then restored
    }

    [Fact]
    public async Task RestoreAsync_KnobChangedAfterTheApply_LeftAlone()
    {
        var baseline = new InMemoryExecutor([new("a", 5), new("b", 9)]);
        var changes = new[] { new PlannedChange("a", "baseline", 1, 5), new PlannedChange("b", "baseline", 2, 9) };
        await baseline.SetAsync("a", 6, CancellationToken.None);

        var restored = await Promoter.RestoreAsync(changes, baseline, null, CancellationToken.None);

        Assert.Equal(6, (await baseline.GetAsync("a", CancellationToken.None)).Value);
        Assert.Equal(2, (await baseline.GetAsync("b", CancellationToken.None)).Value);
        Assert.Equal(new PromotionConflict("a", "baseline", "restore", 5, 6), Assert.Single(restored.Conflicts));
    }

    [Fact]
    public async Task RunAsync_BaselineChangedBetweenPlanAndApply_LedgersAConflictAndNoPromotion()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var canary = new InMemoryExecutor([new("timeout_ms", 4400)]);
        var baseline = new InMemoryExecutor([new("timeout_ms", 1500)]);
        await using var ledger = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(_directory.File("ledger.jsonl")), time);
        var ports = new PromotionPorts(canary, baseline, ["timeout_ms"], time, "ops", _ => Task.FromResult<ILedgerStore>(ledger));
        var state = new PromotionState(new PromotionRequest(PromotionDirection.Promote, "prod", "checkout")
        {
            ReportDecision = "pass",
            ReportSha256 = new string('c', 64),
        });

        var run = await new PromotionRunner(ports).RunAsync(state, CancellationToken.None,
            after: (action, _) =>
            {
                if (action == PromotionAction.ReadPlan)
                {
                    baseline.SetAsync("timeout_ms", 2000, CancellationToken.None).GetAwaiter().GetResult();
                }
            });

        Assert.Equal(PromotionOutcome.Conflict, run.Outcome);
        Assert.Equal(2000, (await baseline.GetAsync("timeout_ms", CancellationToken.None)).Value);
        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAsync(1, CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.PromotionApplied);
        var conflict = Assert.Single(entries, e => e.Kind == LedgerKinds.AdjustmentConflict);
        Assert.Equal("promotion.apply", conflict.Data.GetProperty("operation").GetString());
        Assert.Equal(1500, conflict.Data.GetProperty("expected").GetDouble());
        Assert.Equal(2000, conflict.Data.GetProperty("observed").GetDouble());
    }

    [Fact]
    public async Task RunAsync_CleanPromotion_WritesAppliedWithTheCallersNotes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var baseline = new InMemoryExecutor([new("timeout_ms", 1500)]);
        await using var ledger = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(_directory.File("ledger.jsonl")), time);
        var ports = new PromotionPorts(new InMemoryExecutor([new("timeout_ms", 4400)]), baseline, ["timeout_ms"], time, "ops",
            _ => Task.FromResult<ILedgerStore>(ledger))
        {
            EntryNotes = [new("safe_apply", false)],
        };
        var state = new PromotionState(new PromotionRequest(PromotionDirection.Promote, "prod", "checkout") { ReportDecision = "pass", ReportSha256 = "ab" });

        var run = await new PromotionRunner(ports).RunAsync(state, CancellationToken.None);

        Assert.Equal(PromotionOutcome.Done, run.Outcome);
        Assert.Equal(4400, (await baseline.GetAsync("timeout_ms", CancellationToken.None)).Value);
        LedgerEntry? applied = null;
        await foreach (var entry in ledger.ReadAsync(1, CancellationToken.None))
        {
            applied = entry.Kind == LedgerKinds.PromotionApplied ? entry : applied;
        }

        Assert.NotNull(applied);
        Assert.False(applied.Data.GetProperty("safe_apply").GetBoolean());
        Assert.Equal(["approval_id", "changes", "read_back", "report_sha256", "safe_apply"],
            applied.Data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
    }
}
