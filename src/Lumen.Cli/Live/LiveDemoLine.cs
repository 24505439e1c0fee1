using System.Globalization;
using Lumen.Core.Ledger;
using Lumen.Runtime.Loop;

namespace Lumen.Cli.Live;

/// <summary>The plain progress line <c>lumen demo --live</c> prints after each tick.</summary>
internal static class LiveDemoLine
{
    public static string Format(TickReport report, TimeSpan elapsed, TimeSpan duration, double rate, int open, long ledgerSeq)
    {
        ArgumentNullException.ThrowIfNull(report);
        var events = new List<string>();
        Count(LedgerKinds.AdjustmentApplied, "applied");
        Count(LedgerKinds.AdjustmentExpired, "expired (TTL)");
        Count(LedgerKinds.AdjustmentRolledBack, "rolled back");
        Count(LedgerKinds.AdjustmentFailed, "failed");
        var problems = report.Problems.IsEmpty ? "" : $"; {report.Problems.Length} problem(s): {report.Problems[0]}";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,4:0}s/{duration.TotalSeconds:0}s] tick {report.Tick,3}  load {rate,5:0.0} rps/instance  open adjustments {open}  ledger #{ledgerSeq}{(events.Count > 0 ? "  " + string.Join(", ", events) : "")}{problems}");

        void Count(string kind, string label)
        {
            var n = report.LedgerKinds.Count(k => k == kind);
            if (n > 0)
            {
                events.Add(n == 1 ? label : $"{n}× {label}");
            }
        }
    }
}
