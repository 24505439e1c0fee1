using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Approvals;

/// <summary>Arguments of <c>lumen approve ID</c> and <c>lumen reject ID</c>.</summary>
internal sealed class ApprovalDecisionSettings : CommandSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The request id (apr-…), from lumen approvals list.")]
    public string Id { get; init; } = "";

    [CommandOption("--as <NAME>")]
    [Description("Who decides (recorded in the ledger; else $USER). Must be in LUMEN_APPROVERS when that is set.")]
    public string? As { get; init; }

    [CommandOption("--reason <TEXT>")]
    [Description("Why (recorded in the ledger).")]
    public string? Reason { get; init; }

    [CommandOption("--ledger-file <FILE>")]
    [Description("The ledger (else $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }
}
