using System.Text;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Tests.CrashMatrix;

/// <summary>
/// What must hold after any sequence of crashes and restarts: the ledger verifies (against its head
/// file), every adjustment was applied at most once and ended restored by <c>expires_at</c> + one
/// interval or was kept (the value-level tuner), or failed without leaving a change, and the target
/// holds what the ledger says: its incumbent.
/// </summary>
internal static class LedgerFacts
{
    public static void AssertConsistent(string stateDirectory, TimeSpan interval, double initialValue, bool expectKept = false)
    {
        var ledgerPath = Path.Combine(stateDirectory, FileLedgerStoreOptions.DefaultFileName);
        var headPath = FileLedgerStoreOptions.DefaultHeadPath(ledgerPath);
        Assert.True(LedgerCheckpointFormat.TryParse(File.ReadAllBytes(headPath), out var checkpoint, out var headError), headError);
        var report = LedgerFileVerifier.Verify(ledgerPath, checkpoint, null);
        Assert.True(report.IsValid, $"ledger does not verify: {report.Failure}");

        var entries = File.ReadLines(ledgerPath).Select(line =>
        {
            Assert.True(LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out var error), error);
            return entry!;
        }).ToList();
        var byId = entries.Where(e => e.Kind.StartsWith("adjustment.", StringComparison.Ordinal) || e.Kind == LedgerKinds.RollbackFailed)
            .GroupBy(e => e.Data.GetProperty("id").GetString()!);
        var intents = 0;
        var kept = 0;
        foreach (var adjustment in byId)
        {
            var kinds = adjustment.Select(e => e.Kind).ToList();
            var intent = Assert.Single(adjustment, e => e.Kind == LedgerKinds.AdjustmentIntent);
            intents++;
            var from = intent.Data.GetProperty("from").GetDouble();
            var expiresAt = DateTimeOffset.Parse(intent.Data.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var applied = kinds.Count(k => k == LedgerKinds.AdjustmentApplied);
            Assert.True(applied <= 1, $"{adjustment.Key} applied {applied} times");
            var closing = adjustment.Where(e => e.Kind is LedgerKinds.AdjustmentExpired or LedgerKinds.AdjustmentRolledBack or LedgerKinds.AdjustmentKept).ToList();
            if (applied == 1)
            {
                // Exactly one ending: restored to `from` (the incumbent when it started) by expires_at +
                // one interval, or kept (judged before its TTL; its value is the new incumbent).
                var ending = Assert.Single(closing);
                Assert.True(ending.Ts <= expiresAt + interval, $"{adjustment.Key} ended at {ending.Ts:O}, expires_at {expiresAt:O}");
                if (ending.Kind == LedgerKinds.AdjustmentKept)
                {
                    Assert.Equal(intent.Data.GetProperty("to").GetDouble(), ending.Data.GetProperty("value").GetDouble());
                    kept++;
                }
                else
                {
                    Assert.Equal(from, ending.Data.GetProperty("restored").GetDouble());
                }
            }
            else
            {
                var failed = Assert.Single(adjustment, e => e.Kind == LedgerKinds.AdjustmentFailed);
                Assert.Equal(from, failed.Data.GetProperty("value").GetDouble());
                Assert.Empty(closing);
            }
        }

        Assert.True(intents > 0, "the run made no adjustment, so it proved nothing");
        Assert.True(!expectKept || kept > 0, "the run kept no trial, so it proved nothing about incumbents");

        // The target ends at its incumbent: the last kept value, or the initial one when nothing was kept.
        var incumbent = entries.LastOrDefault(e => e.Kind == LedgerKinds.AdjustmentKept)?.Data.GetProperty("value").GetDouble() ?? initialValue;
        var target = File.ReadAllText(Path.Combine(stateDirectory, "target.env")).Trim();
        Assert.Equal($"{Lumen.TestKit.HarnessConfig.Knob}={incumbent}", target);
    }
}
