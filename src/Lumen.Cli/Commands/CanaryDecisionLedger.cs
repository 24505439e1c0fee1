using System.Security.Cryptography;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands;

/// <summary>Writes a canary verdict to the ledger as <c>canary.decision</c>, with the SHA-256 of the
/// report file (what an approval is bound to) and of the input records. <c>judge_version</c> and
/// <c>models</c> (which model each event kind used, with its dispersion) were added with judge
/// version 2; older entries lack them and read as before.</summary>
internal static class CanaryDecisionLedger
{
    public static LedgerEntry Append(
        IEnvironmentVariables environment, string stage, string service, CanaryVerdict verdict, string reportPath, string inputSha256, string? models = null)
    {
        var reportSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(reportPath)));
        var data = LedgerData.From(new Dictionary<string, object?>
        {
            ["decision"] = verdict.Outcome.ToString().ToLowerInvariant(),
            ["final"] = verdict.IsFinal,
            ["decided_at"] = verdict.DecidedAt is { } at ? LedgerTime.ToText(at) : null,
            ["intervals_used"] = verdict.IntervalsUsed,
            ["baseline_requests"] = verdict.BaselineRequests,
            ["canary_requests"] = verdict.CanaryRequests,
            ["reasons"] = verdict.Reasons.ToArray(),
            ["report"] = Path.GetFullPath(reportPath),
            ["report_sha256"] = reportSha256,
            ["input_sha256"] = inputSha256,
            ["judge_version"] = CanaryJudge.Version,
            ["models"] = models,
        });
        var store = FileLedgerStore.OpenAsync(LedgerLocation.StoreOptions(environment) with { Actor = "lumen canary check" })
            .GetAwaiter().GetResult();
        try
        {
            return store.AppendAsync(new LedgerDraft(LedgerKinds.CanaryDecision, stage, service, "lumen canary check", data))
                .GetAwaiter().GetResult();
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
