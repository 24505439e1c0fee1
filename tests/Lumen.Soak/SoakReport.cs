using System.Globalization;
using System.Text;

namespace Lumen.Soak;

/// <summary>The soak's figures and the goals it missed (none: <see cref="GoalsMet"/>).</summary>
internal sealed record SoakReport(
    int Seed,
    TimeSpan FaultPhase,
    TimeSpan Elapsed,
    string Machine,
    IReadOnlyDictionary<string, int> FaultsByKind,
    IReadOnlyList<string> LeftOut,
    long FaultedRequests,
    LedgerAudit Ledger,
    int TargetApplyWrites,
    int TargetRestoreWrites,
    int Episodes,
    int RestoredOnTime,
    int RestoredLateExcused,
    int Late,
    double MaxOvershootSeconds,
    int LostEntries,
    int DoubleApplies,
    bool EndsAtBaseline,
    string BaselineConfig,
    string FinalConfig,
    IReadOnlyDictionary<string, int> Exits,
    IReadOnlyList<string> DiskFullChecks,
    IReadOnlyList<string> Problems)
{
    public bool GoalsMet => Problems.Count == 0;

    public int FaultsInjected => FaultsByKind.Values.Sum();

    public string Render()
    {
        var s = new StringBuilder();
        void Line(string label, object value) => s.Append(CultureInfo.InvariantCulture, $"{label,-28}{value}\n");
        Line("seed", Seed);
        Line("fault phase", $"{FaultPhase.TotalMinutes:0.##} min (elapsed {Elapsed.TotalMinutes:0.0} min in all)");
        Line("machine", Machine);
        Line("faults injected", $"{FaultsInjected}: " + string.Join(", ", FaultsByKind.Select(p => $"{p.Key} {p.Value}")));
        foreach (var why in LeftOut)
        {
            Line("  left out", why);
        }

        Line("requests faulted", FaultedRequests);
        Line("adjustments applied", $"{Ledger.Applied} (ledger), {TargetApplyWrites} apply writes at the target, {Episodes} episodes seen on the knob");
        Line("restored on time", $"{RestoredOnTime} of {Episodes} (ttl + one interval); late but excused by a blocked loop: {RestoredLateExcused}; max overshoot {MaxOvershootSeconds:0.0} s");
        Line("late", Late);
        Line("closed in the ledger", $"expired {Ledger.Expired}, rolled back {Ledger.RolledBack}, rollback.failed {Ledger.RollbackFailures}, ledger.disk_full {Ledger.DiskFullEntries}");
        Line("conflicts", Ledger.Conflicts);
        Line("double applies", DoubleApplies);
        Line("lost entries", LostEntries);
        Line("open at the end", Ledger.OpenAtEnd.Count);
        Line("ledger verification", Ledger.VerifyDetail);
        Line("target at baseline", EndsAtBaseline ? $"yes {FinalConfig}" : $"NO: {FinalConfig}, baseline {BaselineConfig}");
        Line("lumen exits", string.Join(", ", Exits.Select(p => $"{p.Key} ×{p.Value}")));
        foreach (var check in DiskFullChecks)
        {
            Line("  enospc", check);
        }

        Line("result", GoalsMet ? "PASS: 0 lost, 0 double, 0 late" : "FAIL");
        foreach (var p in Problems)
        {
            Line("  problem", p);
        }

        return s.ToString();
    }
}
