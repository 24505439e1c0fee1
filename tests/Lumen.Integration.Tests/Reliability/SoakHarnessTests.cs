using Lumen.Soak;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>
/// The soak driver (tests/Lumen.Soak, <c>make soak</c>) on a short, bounded, seeded schedule, so the
/// harness cannot rot: <c>lumen run</c> as a child process, the demo service, a real Prometheus, the fault
/// proxies, a real kill -9 and (as root) a real full tmpfs. Its accounting must add up, from the ledger
/// and from the target's own knob, and the goals (0 lost, 0 double, 0 late) must hold.
/// </summary>
public sealed class SoakHarnessTests
{
    [Fact]
    public async Task ShortSoak_SeededFaults_AccountingIsConsistentAndGoalsHold()
    {
        FaultKind[] kinds = [FaultKind.Kill9, FaultKind.TargetServerError, FaultKind.PrometheusGarbage, FaultKind.DiskFull];
        // 45 s of faults; with the warm-up and the drain (every open adjustment back at its 1 min ttl) about 2 minutes.
        var options = new SoakOptions(Seed: 7, FaultPhase: TimeSpan.FromSeconds(45), Kinds: kinds)
        {
            GapMin = TimeSpan.FromSeconds(2),
            GapMax = TimeSpan.FromSeconds(4),
        };
        using var log = new StringWriter();

        var report = await SoakRunner.RunAsync(options, log).WaitAsync(TimeSpan.FromMinutes(5));

        var why = report.Render() + "\n" + log;
        // Every kind was injected, or (a full disk without root) left out with its reason.
        foreach (var kind in kinds)
        {
            var name = FaultKinds.Name(kind);
            Assert.True(report.FaultsByKind.GetValueOrDefault(name) > 0 || report.LeftOut.Any(l => l.StartsWith(name, StringComparison.Ordinal)), $"{name} neither injected nor left out\n{why}");
        }

        Assert.True(report.Ledger.Applied > 0, why);
        // What reached the target is what the ledger says, and what the knob itself showed.
        Assert.True(report.TargetApplyWrites == report.Ledger.Applied + report.Ledger.FailedAway, why);
        Assert.True(report.Episodes == report.TargetApplyWrites, why);
        Assert.True(report.RestoredOnTime + report.RestoredLateExcused + report.Late == report.Episodes, why);
        Assert.True(report.Ledger.Expired + report.Ledger.RolledBack + report.Ledger.Conflicts == report.Ledger.Applied + report.Ledger.FailedAway, why);
        Assert.True(report.Exits.GetValueOrDefault("137") >= report.FaultsByKind.GetValueOrDefault("kill-9"), why);
        if (report.FaultsByKind.GetValueOrDefault("enospc") > 0)
        {
            // A real full disk: the loop restored, ledgered and exited 9; a restart on the full disk said so and exited 9 too.
            Assert.True(report.Ledger.DiskFullEntries > 0, why);
            Assert.Contains(report.DiskFullChecks, c => c.StartsWith("a start on the full disk exited 9 saying disk full", StringComparison.Ordinal));
            Assert.True(report.Exits.GetValueOrDefault("9") >= 2, why);
        }

        Assert.True(report.Ledger.Verified, why);
        Assert.True(report.EndsAtBaseline, why);
        Assert.Equal(0, report.LostEntries);
        Assert.Equal(0, report.DoubleApplies);
        Assert.Equal(0, report.Late);
        Assert.True(report.GoalsMet, why);
    }
}
