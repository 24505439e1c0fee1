using Lumen.Core.Canary;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.Canary;

/// <summary>A canary verdict as the ledger's <c>canary.decision</c>, with the SHA-256 of the report file (what an
/// approval is bound to) and of the input records. <c>judge_version</c> and <c>models</c> (which model each event kind used,
/// with its dispersion) came with judge version 2; older entries lack them and read as before. <paramref name="extra"/> adds
/// fields (e.g. the rollout that asked).</summary>
public static class CanaryDecisionDraft
{
    public static LedgerDraft For(string stage, string service, string actor, CanaryVerdict verdict, string reportPath, string reportSha256,
        string inputSha256, IReadOnlyDictionary<string, object?>? extra = null, string? models = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var fields = new Dictionary<string, object?>
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
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            fields[key] = value;
        }

        return new LedgerDraft(LedgerKinds.CanaryDecision, stage, service, actor, LedgerData.From(fields));
    }
}
