using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

internal sealed class LedgerVerifySettings : CommandSettings
{
    [CommandArgument(0, "[LEDGER_FILES]")]
    [Description("The ledgers: one, or one per replica (default: $LUMEN_STATE_DIR/proof_ledger.jsonl, state dir ./state).")]
    public string[] LedgerFiles { get; init; } = [];

    [CommandOption("--head <FILE>")]
    [Description("The head checkpoint (default: proof_ledger.head beside each ledger, if present); only with one ledger.")]
    public string? HeadFile { get; init; }

    [CommandOption("--pubkey <FILE>")]
    [Description("PEM ECDSA P-256 public key: the head checkpoint must carry a valid signature by it.")]
    public string? PublicKeyFile { get; init; }
}
