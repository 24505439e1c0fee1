using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>Arguments of the commands that read a ledger: <c>--ledger FILE</c> and <c>--out PATH</c>.</summary>
internal sealed class LedgerFileSettings : CommandSettings
{
    [CommandOption("--ledger <FILE>")]
    [Description("The ledger to read. Default: $LUMEN_STATE_DIR/proof_ledger.jsonl, else ./state/proof_ledger.jsonl if it exists, else ./out/demo/proof_ledger.jsonl.")]
    public string? Ledger { get; init; }

    [CommandOption("--out <PATH>")]
    [Description("Where to write. Default: beside the ledger (dash: reports/, report: LUMEN_DEMO_REPORT.md, train-reward: models/reward.json).")]
    public string? Out { get; init; }
}
