using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Approvals;

/// <summary>Arguments of <c>lumen approvals list</c>.</summary>
internal sealed class ApprovalsListSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("One JSON object per request instead of a table.")]
    public bool Json { get; init; }

    [CommandOption("--all")]
    [Description("Also show decided and expired requests (default: pending only).")]
    public bool All { get; init; }

    [CommandOption("--ledger-file <FILE>")]
    [Description("The ledger (else $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }
}
