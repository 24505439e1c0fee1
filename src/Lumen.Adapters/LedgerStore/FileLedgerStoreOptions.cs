using System.ComponentModel.DataAnnotations;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Where the ledger lives and how its head checkpoint is kept.</summary>
/// <param name="LedgerPath">The ledger file, normally <c>$LUMEN_STATE_DIR/proof_ledger.jsonl</c>.</param>
public sealed record FileLedgerStoreOptions(string LedgerPath)
{
    /// <summary>The ledger's file name in the state directory.</summary>
    public const string DefaultFileName = "proof_ledger.jsonl";

    /// <summary>The head checkpoint file; default: beside the ledger with extension <c>.head</c>.</summary>
    public string? HeadPath { get; init; }

    /// <summary>A PEM ECDSA P-256 private key to sign the head with (the CLI takes it from <c>LUMEN_LEDGER_KEY_FILE</c>); default none.</summary>
    public string? SigningKeyPath { get; init; }

    /// <summary>The actor recorded on the store's own entries (<c>ledger.opened</c>, <c>ledger.repaired</c>); default <c>lumen</c>.</summary>
    public string Actor { get; init; } = "lumen";

    /// <summary>
    /// Under continuous load the head file is rewritten at least this often; when the queue is
    /// empty it is rewritten after every batch. Default 1 s.
    /// </summary>
    public TimeSpan HeadInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most entries one group commit writes with one fsync; default 1024.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchEntries { get; init; } = 1024;

    /// <summary>The head file actually used.</summary>
    public string ResolvedHeadPath => HeadPath ?? DefaultHeadPath(LedgerPath);

    /// <summary>The head file beside a ledger: <c>proof_ledger.jsonl</c> → <c>proof_ledger.head</c>.</summary>
    public static string DefaultHeadPath(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".head");

    /// <summary>Options for the ledger in a state directory.</summary>
    public static FileLedgerStoreOptions InStateDirectory(string stateDirectory) =>
        new(Path.Combine(stateDirectory, DefaultFileName));
}
