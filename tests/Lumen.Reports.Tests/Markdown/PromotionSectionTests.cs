using System.Text;
using Lumen.Core.Ledger;
using Lumen.Reports.Markdown;

namespace Lumen.Reports.Tests.Markdown;

public sealed class PromotionSectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_NoPromotionEntries_WritesNothing()
    {
        var md = new StringBuilder();

        PromotionSection.Write(md, [Entry(1, "observation", "checkout", "lumen", "{}")], simulatedTime: true);

        Assert.Equal(0, md.Length);
    }

    [Fact]
    public void Write_LastActEntries_ListsEachStepInLedgerOrder()
    {
        var md = new StringBuilder();
        var changes = """[{"knob":"concurrency_limit","track":"baseline","from":16,"to":18}]""";

        PromotionSection.Write(md,
        [
            Entry(10, LedgerKinds.CanaryDecision, "search", "lumen-demo",
                """{"act":"promotion","decision":"pass","intervals_used":5,"canary_requests":100,"baseline_requests":300,"reasons":["every gate passed"],"report":"canary/search-promotion.json","report_sha256":"1fae8c5a400a0000"}"""),
            Entry(11, LedgerKinds.ApprovalRequested, "search", "lumen-demo", $$"""{"request_id":"apr-facfe3758d","report_sha256":"1fae8c5a400a0000","changes":{{changes}}}"""),
            Entry(12, LedgerKinds.ApprovalGranted, "search", "demo-approver", """{"request_id":"apr-facfe3758d","by":"demo-approver","channel":"cli"}"""),
            Entry(13, LedgerKinds.PromotionApplied, "search", "lumen-demo", $$"""{"approval_id":"apr-facfe3758d","changes":{{changes}}}"""),
            Entry(14, LedgerKinds.CanaryDecision, "checkout", "lumen-demo", """{"act":"release","decision":"fail","reasons":["a | b"]}"""),
            Entry(15, LedgerKinds.CanaryRolledBack, "checkout", "lumen-demo", """{"ok":true,"release":"bad release","changes":[]}"""),
        ], simulatedTime: true);

        var text = md.ToString();
        Assert.StartsWith("## Promotion", text, StringComparison.Ordinal);
        var order = new[]
        {
            "canary check (promotion): **pass**", "approval requested", "approval **granted**", "**promoted** to the baseline",
            "canary check (release): **fail**", "canary **rolled back**",
        }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order().ToList(), order);
        Assert.Contains("by **demo-approver** via cli", text, StringComparison.Ordinal);
        Assert.Contains("concurrency_limit 16 → 18 (baseline)", text, StringComparison.Ordinal);
        Assert.Contains("a \\| b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CanaryDecisionWithModels_SaysWhichModelTheJudgeUsed()
    {
        var md = new StringBuilder();

        PromotionSection.Write(md,
        [
            Entry(1, LedgerKinds.CanaryDecision, "checkout", "lumen canary check",
                """{"decision":"inconclusive","models":"errors interval (dispersion 9.8); latency interval+request (dispersion 1.04)","reasons":["waiting"]}"""),
            Entry(2, LedgerKinds.CanaryDecision, "checkout", "lumen canary check", """{"decision":"pass","reasons":["every gate passed"]}"""),
        ], simulatedTime: false);

        var text = md.ToString();
        Assert.Contains("model: errors interval (dispersion 9.8); latency interval+request (dispersion 1.04)", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("model:").Length - 1);
    }

    private static LedgerEntry Entry(long seq, string kind, string service, string actor, string data) =>
        new(seq, T0.AddSeconds(seq), kind, "demo", service, actor, LedgerData.Parse(data), new string('0', 64), new string('0', 64));
}
