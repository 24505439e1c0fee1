using System.Globalization;
using System.Text;
using Lumen.Reports.Digest;

namespace Lumen.Reports.Markdown;

/// <summary>
/// "What the tuner learned" for the value-level tuner: per service, how its trials ended, the
/// configuration it holds now against the one it started from, and the incumbent's path: every kept
/// trial with the evidence that kept it (docs/bandit.md, "The keep rule").
/// </summary>
internal static class TrialLearning
{
    private const int PathRows = 12;

    public static void Write(StringBuilder md, RunDigest digest)
    {
        md.AppendLine("The tuner tries configurations around the canary's incumbent, one measured block at a time, and keeps a trial only "
            + "when the posterior gain over the incumbent (canary − baseline score gap, learnt across loads and phases) is at least one "
            + "standard deviation and 0.01. Everything else returns to the incumbent.").AppendLine();
        md.AppendLine("| service | trials | kept | not better | ended early | dropped | holds | started from | holds now |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var service in digest.ServiceNames)
        {
            var trials = digest.Trials.Where(t => t.Service == service).ToList();
            if (trials.Count == 0)
            {
                continue;
            }

            var first = trials.FirstOrDefault(t => t.Incumbent.Count > 0)?.Incumbent;
            var last = trials.LastOrDefault(t => t.Outcome == "kept")?.Values ?? trials.LastOrDefault(t => t.Incumbent.Count > 0)?.Incumbent;
            int Count(string outcome) => trials.Count(t => t.Outcome == outcome);
            md.AppendLine(Inv($"| {service} | {trials.Count(t => t.Trial is not null):N0} | {Count("kept")} | {Count("not_better")} | {Count("aborted")} | {Count("dropped")} | {Count("hold")} | {Config(first)} | {Config(last)} |"));
        }

        md.AppendLine();
        foreach (var service in digest.ServiceNames)
        {
            var kept = digest.Trials.Where(t => t.Service == service && t.Outcome == "kept").ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            md.AppendLine(Inv($"The incumbent's path on `{service}` ({kept.Count} kept trials; the last {Math.Min(PathRows, kept.Count)}):")).AppendLine();
            md.AppendLine("| time (UTC) | from | to | gain ± sd | P(better) |").AppendLine("|---|---|---|---:|---:|");
            foreach (var t in kept.TakeLast(PathRows))
            {
                md.AppendLine(Inv($"| {t.Ts:MM-dd HH:mm} | {Changed(t.Incumbent, t.Values, from: true)} | {Changed(t.Incumbent, t.Values, from: false)} | {t.Gain:+0.000;-0.000;0.000} ± {t.GainSd:0.000} | {t.ProbabilityBetter:0.000} |"));
            }

            md.AppendLine();
        }
    }

    private static string Config(IReadOnlyDictionary<string, double>? values) =>
        values is null || values.Count == 0 ? "—" : string.Join(", ", values.Select(kv => Inv($"{kv.Key} {kv.Value:0.##}")));

    private static string Changed(IReadOnlyDictionary<string, double> incumbent, IReadOnlyDictionary<string, double> values, bool from) =>
        string.Join(", ", values.Where(kv => !incumbent.TryGetValue(kv.Key, out var v) || v != kv.Value)
            .Select(kv => Inv($"{kv.Key} {(from ? incumbent.GetValueOrDefault(kv.Key) : kv.Value):0.##}")));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
