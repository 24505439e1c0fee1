using System.Globalization;
using System.Text;
using Lumen.Core.Ledger;
using Lumen.Core.Rhythm;
using Lumen.Reports.Charts;
using Lumen.Reports.Digest;
using Lumen.Reports.Fleet;
using Lumen.Reports.Ledger;

namespace Lumen.Reports.Markdown;

/// <summary>
/// Writes <c>LUMEN_DEMO_REPORT.md</c> from a digested ledger: what ran, SLO attainment before and
/// after, the timeline of adjustments, what the tuner learned per phase, the verifier's verdict
/// and the charts (linked relative to the report).
/// </summary>
public static class DemoReportWriter
{
    private const int HeadRows = 25;
    private const int TailRows = 10;

    /// <param name="fleet">
    /// The replicas' ledgers (docs/scale-out.md): with several, the intro names them all and the
    /// verification lists each; with one that has coordination entries, only the Fleet section is
    /// added. Null (one ledger, no coordination): the report of a single process.
    /// </param>
    public static string Write(RunDigest digest, LedgerVerification verification, IReadOnlyList<ChartFile> charts, string reportPath,
        string ledgerName, IReadOnlyList<LedgerEntry>? entries = null, FleetDigest? fleet = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var several = fleet is { Replicas.Count: > 1 };
        var md = new StringBuilder();
        md.AppendLine("# Lumen demo report").AppendLine();
        if (several)
        {
            FleetSection.Intro(md, fleet!, digest.Entries);
        }
        else
        {
            md.AppendLine(Inv($"Generated from `{ledgerName}` ({digest.Entries:N0} entries). Every number below is read from the ledger; "))
              .AppendLine("re-run `lumen report` to rebuild it and `lumen dash` to redraw the charts.").AppendLine();
        }

        if (fleet is not null)
        {
            FleetSection.Write(md, fleet);
        }

        WhatRan(md, digest);
        Attainment(md, digest);
        Timeline(md, digest);
        Learned(md, digest);
        PromotionSection.Write(md, entries ?? [], digest.Info.SimulatedTime);
        if (several)
        {
            FleetSection.Verification(md, fleet!);
        }
        else
        {
            md.AppendLine("## Ledger verification").AppendLine();
            md.AppendLine(Inv($"{(verification.IsValid ? "✅" : "❌")} {verification.Summary}.")).AppendLine();
        }

        Charts(md, charts, reportPath);
        return md.ToString();
    }

    private static void WhatRan(StringBuilder md, RunDigest digest)
    {
        var info = digest.Info;
        md.AppendLine("## What ran").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        Row(md, "stage", info.Stage ?? "?");
        if (info.Environment is not null)
        {
            Row(md, "environment", $"`{info.Environment}`");
        }

        if (info.Seed is { } seed)
        {
            Row(md, "seed", seed.ToString(CultureInfo.InvariantCulture));
        }

        // A live demo lasts minutes of real time; days would round it to 0.
        var span = digest.Span < TimeSpan.FromDays(1) ? Inv($"{digest.Span.TotalMinutes:0.#} min") : Inv($"{digest.Span.TotalDays:0.##} days");
        Row(md, info.SimulatedTime ? "simulated time" : "real time", Inv($"{span} ({digest.First:yyyy-MM-dd HH:mm} → {digest.Last:yyyy-MM-dd HH:mm} UTC)"));
        Row(md, "ticks", Inv($"{digest.Ticks:N0}{(info.TickSeconds is { } t ? Inv($" of {t:0} s") : "")}"));
        Row(md, "services", string.Join(", ", digest.ServiceNames.Select(s => $"`{s}`")) + " (tuning on the canary; the baseline keeps its defaults)");
        Row(md, "policy", info.Policy ?? "LinUCB with the rules and the guard");
        Row(md, "DRY_RUN", info.DryRun switch { true => "on (shadow: nothing executed)", false => "off (adjustments executed)", _ => "?" });
        Row(md, "SLO", Inv($"p95 ≤ {info.Slo.LatencyP95Ms:0.#} ms, errors ≤ {info.Slo.ErrorRate * 100:0.##} %")
            + (info.Slo.CoherenceMin is { } c ? Inv($", coherence_min {c:0.##}") : ""));
        md.AppendLine();
    }

    private static void Attainment(StringBuilder md, RunDigest digest)
    {
        md.AppendLine("## SLO attainment").AppendLine();
        md.AppendLine("Share of ticks with both p95 and error rate within the SLO, and mean health (1 = within the SLO; "
            + "below 1 the share of the objective met). The baseline runs the static defaults all along, so it is the "
            + "control: the canary's gain over it is what the tuner bought.").AppendLine();
        md.AppendLine("| service | track | first day | last day | whole run | mean health |").AppendLine("|---|---|---:|---:|---:|---:|");
        var slo = digest.Info.Slo;
        foreach (var service in digest.ServiceNames)
        {
            var points = digest.Observations[service];
            var start = points[0].Ts;
            var end = points[^1].Ts;
            var firstDay = points.Where(p => p.Ts < start.AddDays(1)).ToList();
            var lastDay = points.Where(p => p.Ts > end.AddDays(-1)).ToList();
            foreach (var (name, track) in new (string, Func<ObservationPoint, TrackSli>)[] { ("baseline", p => p.Baseline), ("canary", p => p.Canary) })
            {
                var all = SloAttainment.Of(points, slo, track);
                md.AppendLine(Inv($"| {service} | {name} | {Pct(SloAttainment.Of(firstDay, slo, track).WithinSlo)} | {Pct(SloAttainment.Of(lastDay, slo, track).WithinSlo)} | {Pct(all.WithinSlo)} | {Num(all.MeanHealth)} |"));
            }
        }

        md.AppendLine();
        if (digest.Span < TimeSpan.FromDays(2))
        {
            md.AppendLine("_The run is shorter than two days, so the first and last day overlap._").AppendLine();
        }
    }

    private static void Timeline(StringBuilder md, RunDigest digest)
    {
        md.AppendLine("## Timeline").AppendLine();
        var start = digest.First ?? DateTimeOffset.UnixEpoch;
        md.AppendLine(digest.Info.SimulatedTime ? "Per simulated day:" : "Per day of real time (24 h from the first entry):").AppendLine();
        md.AppendLine("| day | service | decisions | tuner | bandit | rules | applied | kept | expired (TTL) | rolled back | failed | guard rejections |")
          .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int Day(DateTimeOffset t) => (int)Math.Floor((t - start).TotalDays) + 1;
        var days = digest.Decisions.Select(d => Day(d.Ts)).Concat(digest.Adjustments.Select(a => Day(a.IntentAt))).Distinct().Order();
        foreach (var day in days)
        {
            foreach (var service in digest.ServiceNames)
            {
                var decisions = digest.Decisions.Where(d => d.Service == service && Day(d.Ts) == day).ToList();
                var adjustments = digest.Adjustments.Where(a => a.Service == service && Day(a.IntentAt) == day).ToList();
                md.AppendLine(Inv($"| {day} | {service} | {decisions.Count:N0} | {adjustments.Count(a => a.Source == "tuner")} | {adjustments.Count(a => a.Source == "bandit")} | {adjustments.Count(a => a.Source == "rules")} | {adjustments.Count(a => a.AppliedAt is not null)} | {adjustments.Count(a => a.KeptAt is not null)} | {adjustments.Count(a => a.ExpiredAt is not null)} | {adjustments.Count(a => a.RolledBackAt is not null)} | {adjustments.Count(a => a.FailedAt is not null)} | {decisions.Sum(d => d.RejectionCodes.Count):N0} |"));
            }
        }

        md.AppendLine();
        var codes = digest.Decisions.SelectMany(d => d.RejectionCodes).GroupBy(c => c).OrderByDescending(g => g.Count()).ToList();
        if (codes.Count > 0)
        {
            md.AppendLine("Guard rejections by code: " + string.Join(", ", codes.Select(g => Inv($"`{g.Key}` {g.Count():N0}"))) + ".").AppendLine();
        }

        var rows = digest.Adjustments;
        md.AppendLine(Inv($"Adjustments ({rows.Count:N0}{(rows.Count > HeadRows + TailRows ? Inv($"; the first {HeadRows} and the last {TailRows}") : "")}):")).AppendLine();
        if (rows.Count == 0)
        {
            md.AppendLine("_None: the tuner held every knob._").AppendLine();
            return;
        }

        md.AppendLine("| time (UTC) | service | knob | from → to | source | arm | outcome | reward |").AppendLine("|---|---|---|---|---|---|---|---:|");
        var shown = rows.Count > HeadRows + TailRows ? rows.Take(HeadRows).Append(null).Concat(rows.Skip(rows.Count - TailRows)) : rows;
        foreach (var a in shown)
        {
            if (a is null)
            {
                md.AppendLine(Inv($"| … | | | | | | {rows.Count - HeadRows - TailRows:N0} more | |"));
                continue;
            }

            var outcome = a.Outcome + (a.EndedAt is { } ended && a.AppliedAt is { } applied ? Inv($" after {Duration(ended - applied)}") : "")
                + (a.RollbackReason is { } why ? $": {Escape(why)}" : a.FailureReason is { } fail ? $": {Escape(fail)}" : "");
            md.AppendLine(Inv($"| {a.IntentAt:MM-dd HH:mm} | {a.Service} | {a.Knob} | {Num(a.From)} → {Num(a.To)} | {a.Source} | {a.Arm ?? ""} | {outcome} | {(a.RewardObserved is { } r ? r.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "")} |"));
        }

        md.AppendLine();
    }

    private static void Learned(StringBuilder md, RunDigest digest)
    {
        md.AppendLine("## What the tuner learned").AppendLine();
        if (digest.Trials.Count > 0)
        {
            TrialLearning.Write(md, digest);
            return;
        }

        var learning = PhaseLearning.From(digest);
        if (learning.Count == 0)
        {
            md.AppendLine("_No reward was observed (no adjustment settled), so there is nothing to learn from yet._").AppendLine();
            return;
        }

        md.AppendLine("Mean observed reward (`r_obs` = health after − health before − cost) of each arm the tuner tried, by the phase "
            + "of the traffic cycle when it decided. The best arm per phase is what the tuner's model leans to; few samples mean a weak lean.").AppendLine();
        md.AppendLine("| service | phase | best arm | mean r_obs | tries | runner-up |").AppendLine("|---|---|---|---:|---:|---|");
        foreach (var group in learning.GroupBy(l => (l.Service, l.Phase)))
        {
            var ordered = group.OrderByDescending(l => l.MeanReward).ToList();
            var best = ordered[0];
            var second = ordered.Count > 1 ? Inv($"{ordered[1].Arm} ({ordered[1].MeanReward:+0.000;-0.000;0.000}, {ordered[1].Count})") : "";
            md.AppendLine(Inv($"| {best.Service} | {Phase(best.Phase)} | `{best.Arm}` | {best.MeanReward:+0.000;-0.000;0.000} | {best.Count} | {second} |"));
        }

        md.AppendLine();
    }

    private static void Charts(StringBuilder md, IReadOnlyList<ChartFile> charts, string reportPath)
    {
        md.AppendLine("## Charts").AppendLine();
        if (charts.Count == 0)
        {
            md.AppendLine("_No charts: run `lumen dash` to draw them._").AppendLine();
            return;
        }

        md.AppendLine("Shaded bands: orange = the mapper's peak phase, teal = trough. Dashed black lines: the SLO. "
            + "On the knob charts, green triangles are adjustments applied, grey dots TTL expiries, red crosses rollbacks.").AppendLine();
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        foreach (var chart in charts)
        {
            var link = Path.GetRelativePath(directory, Path.GetFullPath(chart.Path)).Replace('\\', '/');
            md.AppendLine(Inv($"### {chart.Caption}")).AppendLine().AppendLine(Inv($"![{chart.Caption}]({link})")).AppendLine();
        }
    }

    private static string Phase(PhaseLabel label) => label.ToString().ToLowerInvariant();

    private static void Row(StringBuilder md, string key, string value) => md.AppendLine(Inv($"| {key} | {value} |"));

    private static string Pct(double? value) => value is { } v ? Inv($"{v * 100:0.0} %") : "–";

    private static string Num(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Duration(TimeSpan span) => span.TotalHours >= 1 ? Inv($"{span.TotalHours:0.#} h") : Inv($"{span.TotalMinutes:0} min");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
