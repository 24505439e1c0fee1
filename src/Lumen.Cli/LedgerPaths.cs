using Lumen.Adapters.LedgerStore;
using Lumen.Core.Policy;

namespace Lumen.Cli;

/// <summary>
/// Which ledger the reading commands (report, dash, train-reward) use when no <c>--ledger</c> is
/// given: <c>$LUMEN_STATE_DIR/proof_ledger.jsonl</c> when the variable is set; otherwise
/// <c>./state/proof_ledger.jsonl</c> when it exists; otherwise the demo's <c>./out/demo/proof_ledger.jsonl</c>,
/// so <c>make demo</c> then <c>make report</c> works on a fresh clone.
/// </summary>
internal static class LedgerPaths
{
    public const string DemoDirectory = "out/demo";

    public static string Resolve(string? option, IEnvironmentVariables environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (environment.Get(EnvVars.StateDir) is { Length: > 0 } stateDir)
        {
            return Path.Combine(stateDir, FileLedgerStoreOptions.DefaultFileName);
        }

        var state = Path.Combine("state", FileLedgerStoreOptions.DefaultFileName);
        return File.Exists(state) ? state : Path.Combine(DemoDirectory, FileLedgerStoreOptions.DefaultFileName);
    }

    /// <summary>The folder the ledger lives in (its state directory).</summary>
    public static string DirectoryOf(string ledgerPath) => Path.GetDirectoryName(Path.GetFullPath(ledgerPath))!;
}
