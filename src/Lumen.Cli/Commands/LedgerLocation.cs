using Lumen.Adapters.LedgerStore;

namespace Lumen.Cli.Commands;

/// <summary>
/// Where the ledger is by default: <c>$LUMEN_STATE_DIR/proof_ledger.jsonl</c> (state dir
/// <c>./state</c> when unset), the head file beside it, and the signing key from
/// <c>LUMEN_LEDGER_KEY_FILE</c>. The loop's composition uses <see cref="StoreOptions"/>.
/// </summary>
internal static class LedgerLocation
{
    public const string StateDirVariable = "LUMEN_STATE_DIR";
    public const string KeyFileVariable = "LUMEN_LEDGER_KEY_FILE";

    public static string StateDirectory =>
        Environment.GetEnvironmentVariable(StateDirVariable) is { Length: > 0 } dir ? dir : "state";

    public static string LedgerPath(string? given) =>
        given ?? Path.Combine(StateDirectory, FileLedgerStoreOptions.DefaultFileName);

    public static FileLedgerStoreOptions StoreOptions() =>
        FileLedgerStoreOptions.InStateDirectory(StateDirectory) with
        {
            SigningKeyPath = Environment.GetEnvironmentVariable(KeyFileVariable) is { Length: > 0 } key ? key : null,
        };
}
