using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary>
/// Promotion and approvals through the CLI, with real file executors (a JSON file per track) and a
/// real ledger in a temp dir: dry run, approval gate, approve, apply with read-back, idempotence,
/// void approval after the report changed, canary rollback.
/// </summary>
public sealed class CanaryPromoteCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _config;
    private readonly string _report;
    private readonly Dictionary<string, string> _env;

    public CanaryPromoteCommandTests()
    {
        _config = Path.Combine(_dir.Path, "config");
        Directory.CreateDirectory(_config);
        foreach (var file in Directory.GetFiles(Path.Combine(CliFixtures.RepoRoot, "config"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(_config, Path.GetFileName(file)));
        }

        var services = File.ReadAllText(Path.Combine(_config, "services.yaml"));
        var canaryJson = Path.Combine(_dir.Path, "canary.json");
        var baselineJson = Path.Combine(_dir.Path, "baseline.json");
        File.WriteAllText(canaryJson, """{"concurrency_limit": 40, "cache_size_mb": 512, "timeout_ms": 1200}""");
        File.WriteAllText(baselineJson, """{"concurrency_limit": 32, "cache_size_mb": 512, "timeout_ms": 1500}""");
        var start = services.IndexOf("    executors:", StringComparison.Ordinal);
        var end = services.IndexOf("      canary:\n        kind: http", StringComparison.Ordinal) is var at and >= 0
            ? services.IndexOf("timeout_ms: 2000", services.IndexOf("      baseline:", at, StringComparison.Ordinal), StringComparison.Ordinal) + "timeout_ms: 2000\n".Length
            : throw new InvalidOperationException("the shipped services.yaml changed");
        services = services[..start] + $"""
                executors:
                  canary:
                    kind: file
                    path: {canaryJson}
                    format: json
                  baseline:
                    kind: file
                    path: {baselineJson}
                    format: json

            """ + services[end..];
        File.WriteAllText(Path.Combine(_config, "services.yaml"), services);
        _report = Path.Combine(_dir.Path, "canary_report.json");
        _env = new Dictionary<string, string> { ["LUMEN_STATE_DIR"] = Path.Combine(_dir.Path, "state"), ["USER"] = "tester" };
        var records = Path.Combine(_dir.Path, "records.jsonl");
        File.WriteAllText(records, Records(60));
        var (code, text) = Run("canary", "check", "--stage", "dev", "--from", records, "--out", _report);
        Assert.True(code == ExitCodes.Ok, text);
    }

    public void Dispose() => _dir.Dispose();

    private string Baseline => File.ReadAllText(Path.Combine(_dir.Path, "baseline.json"));

    private string Ledger => File.Exists(Path.Combine(_dir.Path, "state", "proof_ledger.jsonl")) ? File.ReadAllText(Path.Combine(_dir.Path, "state", "proof_ledger.jsonl")) : "";

    private (int Code, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var code = LumenApp.Run([.. args, "--config-dir", _config], console, new DictionaryEnvironmentVariables(_env));
        return (code, console.Output);
    }

    private (int Code, string Output) RunNoConfig(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var code = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(_env));
        return (code, console.Output);
    }

    private static string Records(int intervals)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= intervals; i++)
        {
            var ts = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(30 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            foreach (var (track, n) in new[] { ("baseline", 4000L), ("canary", 1000L) })
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"ts":"{{{ts}}}","service":"checkout","track":"{{{track}}}","requests":{{{n}}},"errors":{{{n / 100}}},"coherence":0.9,"latency_le":{"0.05":{{{n / 2}}},"0.1":{{{n * 8 / 10}}},"0.25":{{{n * 96 / 100}}},"0.5":{{{n * 99 / 100}}},"+Inf":{{{n}}}}}"""));
            }
        }

        return text.ToString();
    }

    private static string RequestId(string output)
    {
        var at = output.IndexOf("waiting for approval apr-", StringComparison.Ordinal);
        Assert.True(at >= 0, output);
        return output.Substring(at + "waiting for approval ".Length, 14);
    }

    [Fact]
    public void Promote_DefaultDryRun_PrintsPlanAndChangesNothing()
    {
        var ledgerBefore = Ledger; // the setup's canary check wrote its canary.decision
        var (code, text) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("concurrency_limit: baseline 32 -> 40   via file ", text, StringComparison.Ordinal);
        Assert.Contains("timeout_ms: baseline 1500 -> 1200", text, StringComparison.Ordinal);
        Assert.Contains("cache_size_mb: unchanged", text, StringComparison.Ordinal);
        Assert.Contains("dry run", text, StringComparison.Ordinal);
        Assert.Contains("\"concurrency_limit\": 32", Baseline, StringComparison.Ordinal);
        Assert.Equal(ledgerBefore, Ledger);
    }

    [Fact]
    public void Promote_ApprovalRequired_WaitsThenAppliesAfterApproveAndSecondPromoteDoesNothing()
    {
        _env["DRY_RUN"] = "0";
        _env["APPROVAL_REQUIRED"] = "1";

        var (waiting, waitText) = Run("canary", "promote", "--stage", "dev", "--report", _report);
        var id = RequestId(waitText);
        var (again, againText) = Run("canary", "promote", "--stage", "dev", "--report", _report);
        var (listCode, list) = RunNoConfig("approvals", "list", "--json");
        var (approved, approveText) = RunNoConfig("approve", id, "--as", "ada");
        var (replayed, replayText) = RunNoConfig("approve", id, "--as", "ada");
        var (promoted, promoteText) = Run("canary", "promote", "--stage", "dev", "--report", _report);
        var (second, secondText) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        Assert.Equal(ExitCodes.WaitingForApproval, waiting);
        Assert.Equal(ExitCodes.WaitingForApproval, again);
        Assert.Contains($"waiting for approval {id}", againText, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, listCode);
        var listed = JsonNode.Parse(list.Trim())!;
        Assert.Equal(id, listed["id"]!.GetValue<string>());
        Assert.Equal("pending", listed["status"]!.GetValue<string>());
        Assert.Equal(ExitCodes.Ok, approved);
        Assert.Contains("approved by ada", approveText, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, replayed);
        Assert.Contains("already", replayText, StringComparison.Ordinal);
        Assert.True(promoted == ExitCodes.Ok, promoteText);
        Assert.Contains("promoted", promoteText, StringComparison.Ordinal);
        Assert.Contains("\"concurrency_limit\": 40", Baseline, StringComparison.Ordinal);
        Assert.Contains("\"timeout_ms\": 1200", Baseline, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, second);
        Assert.Contains("nothing to promote", secondText, StringComparison.Ordinal);
        var kinds = Ledger.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "approval.requested"));
        Assert.Equal(1, kinds.Count(k => k == "approval.granted"));
        Assert.Equal(1, kinds.Count(k => k == "promotion.applied"));
    }

    [Fact]
    public void Promote_ReportChangedAfterApproval_ApprovalVoidNewRequestNothingApplied()
    {
        _env["DRY_RUN"] = "0";
        _env["APPROVAL_REQUIRED"] = "1";
        var (_, waitText) = Run("canary", "promote", "--stage", "dev", "--report", _report);
        var id = RequestId(waitText);
        RunNoConfig("approve", id, "--as", "ada");
        File.AppendAllText(_report, " "); // the evidence changed: another report hash

        var (code, text) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        Assert.Equal(ExitCodes.WaitingForApproval, code);
        Assert.NotEqual(id, RequestId(text));
        Assert.Contains("\"concurrency_limit\": 32", Baseline, StringComparison.Ordinal);
        Assert.DoesNotContain("promotion.applied", Ledger, StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_ThenPromote_RefusedAndNothingApplied()
    {
        _env["DRY_RUN"] = "0";
        _env["APPROVAL_REQUIRED"] = "1";
        var (_, waitText) = Run("canary", "promote", "--stage", "dev", "--report", _report);
        var id = RequestId(waitText);

        var (rejected, _) = RunNoConfig("reject", id, "--as", "bob", "--reason", "not during the sale");
        var (code, text) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        Assert.Equal(ExitCodes.Ok, rejected);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("rejected by bob: not during the sale", text, StringComparison.Ordinal);
        Assert.Contains("\"concurrency_limit\": 32", Baseline, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_NameNotInLumenApprovers_RefusedExit1()
    {
        _env["DRY_RUN"] = "0";
        _env["APPROVAL_REQUIRED"] = "1";
        _env["LUMEN_APPROVERS"] = "ada,bob";
        var (_, waitText) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        var (code, text) = RunNoConfig("approve", RequestId(waitText), "--as", "mallory");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("not on the approver allowlist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("approval.granted", Ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_CanaryHoldsAKeptTrial_MarksItPromoted()
    {
        // The loop kept a trial of concurrency_limit at 40, the value the canary holds.
        var state = Path.Combine(_dir.Path, "state");
        await using (var store = await Lumen.Adapters.LedgerStore.FileLedgerStore.OpenAsync(
                         Lumen.Adapters.LedgerStore.FileLedgerStoreOptions.InStateDirectory(state) with { Actor = "lumen" }, TimeProvider.System))
        {
            var intent = new Lumen.Core.Adjustments.AdjustmentIntent("adj-000007", "checkout", "concurrency_limit", "canary", 32, 40, "tuner",
                "concurrency_limit:increase", "trial", DateTimeOffset.UtcNow.AddMinutes(20), DateTimeOffset.UtcNow, null, null, null, "adj-000007");
            await store.AppendAsync(new LedgerDraft(LedgerKinds.AdjustmentIntent, "dev", "checkout", "lumen", intent.ToData()));
            await store.AppendAsync(new LedgerDraft(LedgerKinds.AdjustmentApplied, "dev", "checkout", "lumen",
                LedgerData.From(new { id = "adj-000007", knob = "concurrency_limit", value = 40 })));
            await store.AppendAsync(new LedgerDraft(LedgerKinds.AdjustmentKept, "dev", "checkout", "lumen",
                LedgerData.From(new { id = "adj-000007", knob = "concurrency_limit", trial = "adj-000007", value = 40, previous = 32 })));
        }

        _env["DRY_RUN"] = "0";
        var (code, text) = Run("canary", "promote", "--stage", "dev", "--report", _report);

        Assert.True(code == ExitCodes.Ok, text);
        var promoted = Ledger.Split('\n').Single(l => l.Contains("\"adjustment.promoted\"", StringComparison.Ordinal));
        Assert.Contains("\"id\":\"adj-000007\"", promoted, StringComparison.Ordinal);
        Assert.True(Ledger.IndexOf("\"promotion.applied\"", StringComparison.Ordinal) < Ledger.IndexOf("\"adjustment.promoted\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Promote_SafeApplyWithUnchangedEvidence_AppliesWithoutWatch()
    {
        _env["DRY_RUN"] = "0";
        _env["SAFE_APPLY"] = "1";

        var (code, text) = Run("canary", "promote", "--stage", "dev", "--report", _report, "--watch", "0s");

        Assert.True(code == ExitCodes.Ok, text);
        Assert.Contains("watch skipped", text, StringComparison.Ordinal);
        Assert.Contains("\"safe_apply\":true", Ledger, StringComparison.Ordinal);
    }

    [Fact]
    public void Rollback_CanaryDiffers_RestoresBaselineValuesOnceThenNothingToDo()
    {
        _env["DRY_RUN"] = "0";

        var (code, text) = Run("canary", "rollback", "--stage", "dev", "--service", "checkout");
        var (again, againText) = Run("canary", "rollback", "--stage", "dev", "--service", "checkout");

        Assert.True(code == ExitCodes.Ok, text);
        Assert.Contains("concurrency_limit: canary 40 -> 32", text, StringComparison.Ordinal);
        var canary = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "canary.json")))!;
        Assert.Equal(32, canary["concurrency_limit"]!.GetValue<double>());
        Assert.Equal(1500, canary["timeout_ms"]!.GetValue<double>());
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("nothing to roll back", againText, StringComparison.Ordinal);
        Assert.Single(Ledger.Split('\n'), l => l.Contains("\"canary.rolled_back\"", StringComparison.Ordinal));
    }
}
