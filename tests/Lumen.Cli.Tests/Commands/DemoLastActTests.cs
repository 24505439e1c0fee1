using System.Text.Json;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

[Trait("Speed", "Slow")] // runs the demo for simulated hours
public sealed class DemoLastActTests
{
    [Fact]
    public void Demo_ThreeQuarterDay_LedgerHasPromotionThenCaughtReleaseInOrder()
    {
        using var temp = new TempDir();
        var console = new TestConsole();

        var code = LumenApp.Run(["demo", "--days", "0.75", "--seed", "42", "--out", temp.Path], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        var ledger = Path.Combine(temp.Path, "proof_ledger.jsonl");
        var head = LedgerHeadFile.TryRead(FileLedgerStoreOptions.DefaultHeadPath(ledger), out var checkpoint, out _) ? checkpoint : null;
        var verified = LedgerFileVerifier.Verify(ledger, head, publicKey: null);
        Assert.True(verified.IsValid, verified.Failure?.Reason);
        var entries = LedgerFileReader.Read(ledger).Select(l => l.Entry!).ToList();

        // Act 1, for the service whose check passed: pass → requested → granted by demo-approver → promoted.
        var pass = Index(entries, -1, e => e.Kind == LedgerKinds.CanaryDecision && Text(e, "act") == "promotion" && Text(e, "decision") == "pass");
        var service = entries[pass].Service;
        var requested = Index(entries, pass, e => e.Kind == LedgerKinds.ApprovalRequested && e.Service == service);
        var granted = Index(entries, requested, e => e.Kind == LedgerKinds.ApprovalGranted && e.Service == service);
        Assert.Equal("demo-approver", Text(entries[granted], "by"));
        Assert.Equal(Text(entries[requested], "request_id"), Text(entries[granted], "request_id"));
        var promoted = Index(entries, granted, e => e.Kind == LedgerKinds.PromotionApplied && e.Service == service);
        Assert.Equal(Text(entries[pass], "report_sha256"), Text(entries[promoted], "report_sha256"));

        // Act 2: the bad release fails the check and is rolled back.
        var fail = Index(entries, promoted, e => e.Kind == LedgerKinds.CanaryDecision && Text(e, "act") == "release");
        Assert.Equal("fail", Text(entries[fail], "decision"));
        var rolledBack = Index(entries, fail, e => e.Kind == LedgerKinds.CanaryRolledBack && e.Service == entries[fail].Service);
        Assert.True(entries[rolledBack].Data.GetProperty("ok").GetBoolean());
        // A check that does not pass promotes nothing.
        foreach (var other in entries.Where(e => e.Kind == LedgerKinds.CanaryDecision && Text(e, "act") == "promotion" && Text(e, "decision") != "pass"))
        {
            Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.PromotionApplied && e.Service == other.Service);
        }

        var report = File.ReadAllText(Path.Combine(temp.Path, "LUMEN_DEMO_REPORT.md"));
        Assert.Contains("## Promotion", report, StringComparison.Ordinal);
        Assert.Contains("**demo-approver**", report, StringComparison.Ordinal);
        Assert.Contains("canary **rolled back**", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "canary", $"{service}-promotion.json")));
    }

    [Fact]
    public void Demo_NoLastAct_WritesNoCanaryStep()
    {
        using var temp = new TempDir();
        var console = new TestConsole();

        var code = LumenApp.Run(["demo", "--days", "0.05", "--no-last-act", "--out", temp.Path], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        var entries = LedgerFileReader.Read(Path.Combine(temp.Path, "proof_ledger.jsonl")).Select(l => l.Entry!).ToList();
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Kind is LedgerKinds.CanaryDecision or LedgerKinds.ApprovalRequested or LedgerKinds.PromotionApplied
            or LedgerKinds.CanaryRolledBack);
        Assert.DoesNotContain("## Promotion", File.ReadAllText(Path.Combine(temp.Path, "LUMEN_DEMO_REPORT.md")), StringComparison.Ordinal);
    }

    private static int Index(List<LedgerEntry> entries, int after, Func<LedgerEntry, bool> match)
    {
        for (var i = after + 1; i < entries.Count; i++)
        {
            if (match(entries[i]))
            {
                return i;
            }
        }

        Assert.Fail($"no matching entry after index {after} (kinds after it: {string.Join(", ", entries.Skip(after + 1).Select(e => e.Kind).Distinct())})");
        return -1;
    }

    private static string? Text(LedgerEntry entry, string name) =>
        entry.Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

[Trait("Speed", "Slow")] // runs the demo for simulated hours
public sealed class DemoInteractiveTests
{
    [Fact]
    public void Demo_InteractiveAnswerNo_RecordsTheRejectionAndPromotesNothing()
    {
        using var temp = new TempDir();
        var console = new TestConsole().Interactive();
        console.Input.PushTextWithEnter("n");

        var code = LumenApp.Run(["demo", "--days", "0.75", "--seed", "42", "--out", temp.Path, "--interactive"], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        Assert.Contains("Approve promoting", console.Output, StringComparison.Ordinal);
        var entries = LedgerFileReader.Read(Path.Combine(temp.Path, "proof_ledger.jsonl")).Select(l => l.Entry!).ToList();
        Assert.Contains(entries, e => e.Kind == LedgerKinds.ApprovalRejected);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.ApprovalGranted);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.PromotionApplied);
    }

    [Fact]
    public void Demo_InteractiveAnswerYes_PromotesWithTheOperatorAsApprover()
    {
        using var temp = new TempDir();
        var console = new TestConsole().Interactive();
        console.Input.PushTextWithEnter("y");

        var code = LumenApp.Run(["demo", "--days", "0.75", "--seed", "42", "--out", temp.Path, "--interactive"], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        var entries = LedgerFileReader.Read(Path.Combine(temp.Path, "proof_ledger.jsonl")).Select(l => l.Entry!).ToList();
        var granted = Assert.Single(entries, e => e.Kind == LedgerKinds.ApprovalGranted);
        Assert.NotEqual("demo-approver", granted.Data.GetProperty("by").GetString());
        Assert.Contains(entries, e => e.Kind == LedgerKinds.PromotionApplied);
    }
}
