using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>Arguments of <c>lumen report [LEDGER...] [--ledger FILE] [--out FILE]</c>.</summary>
internal sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "[LEDGER_FILES]")]
    [Description("The ledgers: one, or one per replica of a stage (the report then has a Fleet section).")]
    public string[] LedgerFiles { get; init; } = [];

    [CommandOption("--ledger <FILE>")]
    [Description("One ledger (read first when ledgers are also given as arguments). Default when none is given: $LUMEN_STATE_DIR/proof_ledger.jsonl, else ./state/proof_ledger.jsonl if it exists, else ./out/demo/proof_ledger.jsonl.")]
    public string? Ledger { get; init; }

    [CommandOption("--out <PATH>")]
    [Description("Where to write. Default: LUMEN_DEMO_REPORT.md beside the (first) ledger.")]
    public string? Out { get; init; }
}
