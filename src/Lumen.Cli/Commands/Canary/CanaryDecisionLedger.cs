using System.Security.Cryptography;
using Lumen.Adapters.Canary;
using Lumen.Adapters.LedgerStore;
using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Canary;

/// <summary>Writes a canary verdict to the ledger as <c>canary.decision</c> (<see cref="CanaryDecisionDraft"/>, with the
/// judge's models), opening the state directory's ledger for the one append.</summary>
internal static class CanaryDecisionLedger
{
    public static LedgerEntry Append(
        IEnvironmentVariables environment, TimeProvider time, string stage, string service, CanaryVerdict verdict, string reportPath, string inputSha256, string? models = null)
    {
        var reportSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(reportPath)));
        var draft = CanaryDecisionDraft.For(stage, service, "lumen canary check", verdict, reportPath, reportSha256, inputSha256, models: models);
        var store = FileLedgerStore.OpenAsync(LedgerLocation.StoreOptions(environment) with { Actor = "lumen canary check" }, time)
            .GetAwaiter().GetResult();
        try
        {
            return store.AppendAsync(draft).GetAwaiter().GetResult();
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
