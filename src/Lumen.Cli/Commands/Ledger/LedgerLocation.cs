using Lumen.Adapters.LedgerStore;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// Where the ledger is by default: <c>$LUMEN_STATE_DIR/proof_ledger.jsonl</c> (state dir
/// <c>./state</c> when unset), the head file beside it, and the signing key from
/// <c>LUMEN_LEDGER_KEY_FILE</c>. The loop's composition uses <see cref="StoreOptions"/>.
/// </summary>
internal static class LedgerLocation
{
    public const string StateDirVariable = "LUMEN_STATE_DIR";
    public const string KeyFileVariable = "LUMEN_LEDGER_KEY_FILE";

    public static string StateDirectory(IEnvironmentVariables env) =>
        env.Get(StateDirVariable) is { Length: > 0 } dir ? dir : "state";

    public static string LedgerPath(string? given, IEnvironmentVariables env) =>
        given ?? Path.Combine(StateDirectory(env), FileLedgerStoreOptions.DefaultFileName);

    public static FileLedgerStoreOptions StoreOptions(IEnvironmentVariables env) =>
        FileLedgerStoreOptions.InStateDirectory(StateDirectory(env)) with
        {
            SigningKeyPath = env.Get(KeyFileVariable) is { Length: > 0 } key ? key : null,
        };
}
