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
    /// The head file is rewritten at least this often while it lags the ledger: under continuous
    /// load, and once the writer has been idle this long after its last batch. Default 1 s.
    /// </summary>
    public TimeSpan HeadInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// In fsync mode the head file is rewritten after this many group commits (or after
    /// <see cref="HeadInterval"/>, whichever comes first), not after every one: the head costs two
    /// fsyncs (the temp file, then the directory after the rename), the batch one. A crash may leave the head at most this
    /// many batches (or that interval) behind the ledger; the chain still verifies, and opening
    /// catches the head up (docs/ledger.md, "Head checkpoint"). 1 = after every batch. Default 64:
    /// the head's two fsyncs then add about 3 % to a lone writer's appends (at 8 they added 20–40 %).
    /// </summary>
    [Range(1, 1_000_000)]
    public int HeadEveryBatches { get; init; } = 64;

    /// <summary>The most entries one group commit writes with one fsync; default 1024.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchEntries { get; init; } = 1024;

    /// <summary>
    /// How long a pool drainer waits for the previous batch's callers, whose completions are still
    /// running, to append again before it writes what is queued (so that they share one batch). The
    /// wait ends as soon as those completions are done; it is bounded because a continuation may
    /// block. Also how long a pool drainer may run callers' continuations before a new pool drainer
    /// takes the queue over. Default 2 ms; tests make it long to make batching deterministic.
    /// </summary>
    internal TimeSpan CompletionWait { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// <see cref="LedgerDurability.Fsync"/> (default) or, for simulated runs only,
    /// <see cref="LedgerDurability.Deferred"/> (no fsync per batch; one at close).
    /// </summary>
    public LedgerDurability Durability { get; init; } = LedgerDurability.Fsync;

    /// <summary>The head file actually used.</summary>
    public string ResolvedHeadPath => HeadPath ?? DefaultHeadPath(LedgerPath);

    /// <summary>The head file beside a ledger: <c>proof_ledger.jsonl</c> → <c>proof_ledger.head</c>.</summary>
    public static string DefaultHeadPath(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".head");

    /// <summary>Options for the ledger in a state directory.</summary>
    public static FileLedgerStoreOptions InStateDirectory(string stateDirectory) =>
        new(Path.Combine(stateDirectory, DefaultFileName));
}
