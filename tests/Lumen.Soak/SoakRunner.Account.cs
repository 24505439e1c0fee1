using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Soak;

/// <summary>The accounting: the ledger, the writes that reached the target, the knob's own episodes.</summary>
internal sealed partial class SoakRunner
{
    private SoakReport Account(DateTimeOffset started, string machine, JsonElement baselineConfig, JsonElement finalConfig, IReadOnlyList<KnobEpisode> episodes)
    {
        var audit = LedgerAudit.Of(LedgerPath);
        var baselineValue = baselineConfig.GetProperty(SoakLumenConfig.Knob).GetDouble();
        var applyWrites = 0;
        var restoreWrites = 0;
        var repeated = 0;
        var holds = baselineValue;
        foreach (var write in _targetProxy.Writes.Where(w => w.Path == "/admin/config"))
        {
            if (JsonNode.Parse(write.Body)?[SoakLumenConfig.Knob] is not JsonValue v || !v.TryGetValue<double>(out var value))
            {
                continue;
            }

            if (Math.Abs(value - baselineValue) < 1e-9)
            {
                restoreWrites++;
            }
            else
            {
                applyWrites++;
                if (Math.Abs(value - holds) < 1e-9)
                {
                    repeated++; // the knob already held this value: written twice
                }
            }

            holds = value;
        }

        var verdicts = episodes.Select(e => EpisodeVerdict.Judge(e, Ttl, Interval, _blocked)).ToList();
        var onTime = verdicts.Count(v => v.Verdict == "OnTime");
        var excused = verdicts.Count(v => v.Verdict == "LateExcused");
        var late = verdicts.Count(v => v.Verdict is "Late" or "NotRestored");
        var maxOvershoot = verdicts.Where(v => v.Verdict != "NotRestored").Select(v => v.Overshoot.TotalSeconds).DefaultIfEmpty(0).Max();
        maxOvershoot = Math.Max(0, maxOvershoot);

        var ledgerApplies = audit.Applied + audit.FailedAway;
        var lost = Math.Max(0, applyWrites - ledgerApplies) + audit.OpenAtEnd.Count;
        var doubles = audit.DoubleApplies + repeated;
        var atBaseline = JsonNode.DeepEquals(JsonNode.Parse(baselineConfig.GetRawText()), JsonNode.Parse(finalConfig.GetRawText()));

        for (var i = 0; i < episodes.Count; i++)
        {
            if (verdicts[i].Verdict is "Late" or "NotRestored" or "LateExcused")
            {
                var e = episodes[i];
                var note = $"knob at {e.Value} from {e.Start:HH:mm:ss.f} to {e.End?.ToString("HH:mm:ss.f", System.Globalization.CultureInfo.InvariantCulture) ?? "the end"}: {verdicts[i].Verdict}, {verdicts[i].Overshoot.TotalSeconds:0.0} s past ttl + interval";
                Say(note);
                if (verdicts[i].Verdict != "LateExcused")
                {
                    _problems.Add(note);
                }
            }
        }

        if (lost > 0)
        {
            _problems.Add($"lost: {applyWrites} apply writes reached the target, the ledger accounts for {ledgerApplies}; open at the end: {string.Join(", ", audit.OpenAtEnd)}");
        }

        if (doubles > 0)
        {
            _problems.Add($"double applies: {audit.DoubleApplies} intents applied twice in the ledger, {repeated} repeated writes at the target");
        }

        if (applyWrites < ledgerApplies)
        {
            _problems.Add($"the ledger records {ledgerApplies} applies but only {applyWrites} apply writes reached the target");
        }

        if (episodes.Count != applyWrites)
        {
            _problems.Add($"the knob left its baseline {episodes.Count} times but {applyWrites} apply writes reached the target");
        }

        var closed = audit.Expired + audit.RolledBack + audit.Conflicts;
        if (audit.OpenAtEnd.Count == 0 && closed != ledgerApplies)
        {
            _problems.Add($"the ledger closes {closed} adjustments (expired, rolled back, conflict) but applied {ledgerApplies}");
        }

        if (!audit.Verified)
        {
            _problems.Add($"ledger verification: {audit.VerifyDetail}");
        }

        if (!atBaseline)
        {
            _problems.Add($"the canary did not end at its baseline configuration: {finalConfig.GetRawText()} instead of {baselineConfig.GetRawText()}");
        }

        if (audit.Applied == 0)
        {
            _problems.Add("no adjustment was applied: the soak tested nothing");
        }

        return new SoakReport(
            _options.Seed,
            _options.FaultPhase,
            _time.GetUtcNow() - started,
            machine,
            new SortedDictionary<string, int>(_faults, StringComparer.Ordinal),
            _leftOut,
            _promProxy.Faulted + _targetProxy.Faulted,
            audit,
            applyWrites,
            restoreWrites,
            episodes.Count,
            onTime,
            excused,
            late,
            maxOvershoot,
            lost,
            doubles,
            atBaseline,
            baselineConfig.GetRawText(),
            finalConfig.GetRawText(),
            new SortedDictionary<string, int>(_exits, StringComparer.Ordinal),
            _diskChecks,
            _problems);
    }
}
